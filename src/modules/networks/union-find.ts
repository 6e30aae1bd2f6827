/**
 * Disjoint sets over dense integer ids in typed arrays, growing as ids are added. Besides the
 * usual parent/size arrays it keeps every set as a circular list (`next`), so the members of a
 * set are listed in time proportional to its size, and a union costs O(α(n)) with no copying.
 *
 * @example
 * const uf = new UnionFind();
 * uf.ensure(3); uf.union(0, 2);
 * uf.find(2) === uf.find(0); // true
 * uf.members(0);             // [0, 2] (in list order)
 */
export class UnionFind {
  private parent: Int32Array;
  private setSize: Int32Array;
  private nextMember: Int32Array;
  private count = 0;

  constructor(capacity = 1024) {
    this.parent = new Int32Array(capacity);
    this.setSize = new Int32Array(capacity);
    this.nextMember = new Int32Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  /** Makes ids 0..n-1 exist, each new one a set of its own. */
  ensure(n: number): void {
    if (n <= this.count) return;
    if (n > this.parent.length) this.grow(n);
    for (let i = this.count; i < n; i++) {
      this.parent[i] = i;
      this.setSize[i] = 1;
      this.nextMember[i] = i;
    }
    this.count = n;
  }

  find(x: number): number {
    let root = x;
    while (this.parent[root] !== root) root = this.parent[root];
    // Path compression: everything on the way now points at the root.
    while (this.parent[x] !== root) {
      const up = this.parent[x];
      this.parent[x] = root;
      x = up;
    }
    return root;
  }

  /** Joins the sets of a and b; returns the surviving root, and the absorbed one (or -1 if already joined). */
  union(a: number, b: number): { root: number; absorbed: number } {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return { root: ra, absorbed: -1 };
    if (this.setSize[ra] < this.setSize[rb]) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.setSize[ra] += this.setSize[rb];
    // Splicing two circular lists is one swap of successors.
    const t = this.nextMember[ra];
    this.nextMember[ra] = this.nextMember[rb];
    this.nextMember[rb] = t;
    return { root: ra, absorbed: rb };
  }

  sizeOf(x: number): number {
    return this.setSize[this.find(x)];
  }

  members(x: number): number[] {
    const out: number[] = [x];
    for (let m = this.nextMember[x]; m !== x; m = this.nextMember[m]) out.push(m);
    return out;
  }

  private grow(n: number): void {
    const capacity = Math.max(n, this.parent.length * 2);
    for (const name of ['parent', 'setSize', 'nextMember'] as const) {
      const bigger = new Int32Array(capacity);
      bigger.set(this[name].subarray(0, this.count));
      this[name] = bigger;
    }
  }
}
