import { createHash } from 'node:crypto';

/** A component being named: its root in the current partition and its member indicators. */
export interface ComponentToName {
  root: number;
  members: readonly number[];
  /** The member ids, for deriving a new name deterministically. */
  memberIds: (i: number) => string;
}

/** The share of membership two generations must have in common for a network to keep its id. */
export const KEEP_ID_JACCARD = 0.5;

/**
 * Gives networks ids that survive recomputation. Every indicator in a network carries its
 * network's label; a new generation's component takes the previous label with which it has the
 * highest Jaccard similarity |A∩B| / |A∪B|, if that is at least one half and no better match
 * took it. Otherwise it gets a new id derived from its oldest member, so two processes that see
 * the same data name a new network the same way. Labels left with no member are retired and
 * remember which network took most of them, so an old bookmark still leads somewhere.
 */
export class NetworkLabels {
  private labelOf = new Int32Array(0);
  private readonly names: string[] = [];
  private readonly sizes: number[] = [];
  private readonly byName = new Map<string, number>();
  private readonly rootOfLabel = new Map<number, number>();
  readonly mergedInto = new Map<string, string>();
  /** Indicators whose label changed and networks that were named or retired since the last save. */
  readonly changedIndicators = new Set<number>();
  readonly newNames = new Set<string>();
  readonly newMerges = new Set<string>();

  labelName(indicator: number): string | undefined {
    const l = indicator < this.labelOf.length ? this.labelOf[indicator] : -1;
    return l >= 0 ? this.names[l] : undefined;
  }

  /** The network a bookmark points at now: itself, or where it was merged. */
  resolve(name: string): string {
    const seen = new Set<string>();
    while (this.mergedInto.has(name) && !seen.has(name)) {
      seen.add(name);
      name = this.mergedInto.get(name)!;
    }
    return name;
  }

  /** Restores a saved label (at start-up), without marking it changed. */
  restore(indicator: number, name: string): void {
    this.ensure(indicator + 1);
    this.setLabel(indicator, this.intern(name));
  }

  /** Forgets which component held each label: the partition was rebuilt from scratch. */
  resetRoots(): void {
    this.rootOfLabel.clear();
  }

  /**
   * Names a batch of components. `isLiveRoot` tells whether a root from an earlier call is still
   * a component of its own; labels held by such components outside the batch are taken.
   */
  name(batch: readonly ComponentToName[], isLiveRoot: (root: number) => boolean): Map<number, string> {
    const batchRoots = new Set(batch.map((c) => c.root));
    const claimed = new Set<number>();
    for (const [label, root] of this.rootOfLabel) {
      if (!batchRoots.has(root) && isLiveRoot(root)) claimed.add(label);
    }
    const pairs: { c: number; label: number; jaccard: number }[] = [];
    batch.forEach((component, c) => {
      const overlap = new Map<number, number>();
      for (const m of component.members) {
        const l = m < this.labelOf.length ? this.labelOf[m] : -1;
        if (l >= 0) overlap.set(l, (overlap.get(l) ?? 0) + 1);
      }
      for (const [label, shared] of overlap) {
        const jaccard = shared / (component.members.length + this.sizes[label] - shared);
        if (jaccard >= KEEP_ID_JACCARD) pairs.push({ c, label, jaccard });
      }
    });
    // Best matches first; ties go to the larger, then the alphabetically first, old network.
    pairs.sort((a, b) => b.jaccard - a.jaccard || this.sizes[b.label] - this.sizes[a.label] || (this.names[a.label] < this.names[b.label] ? -1 : 1));
    const chosen = new Map<number, number>();
    for (const p of pairs) {
      if (chosen.has(p.c) || claimed.has(p.label)) continue;
      chosen.set(p.c, p.label);
      claimed.add(p.label);
    }
    const out = new Map<number, string>();
    batch.forEach((component, c) => {
      const label = chosen.get(c) ?? this.intern(this.freshName(component));
      this.relabel(component.members, label);
      this.rootOfLabel.set(label, component.root);
      out.set(component.root, this.names[label]);
    });
    return out;
  }

  /** Takes the label off indicators that are no longer in any network. */
  clear(indicators: Iterable<number>): void {
    for (const i of indicators) {
      if (i < this.labelOf.length && this.labelOf[i] >= 0) {
        this.setLabel(i, -1);
        this.changedIndicators.add(i);
      }
    }
  }

  /** Every labelled indicator, for the start-of-recompute sweep. */
  *labelled(): Generator<number> {
    for (let i = 0; i < this.labelOf.length; i++) if (this.labelOf[i] >= 0) yield i;
  }

  private relabel(members: readonly number[], label: number): void {
    let highest = 0;
    for (const m of members) if (m > highest) highest = m;
    this.ensure(highest + 1);
    for (const m of members) {
      const before = this.labelOf[m];
      if (before === label) continue;
      this.setLabel(m, label);
      this.changedIndicators.add(m);
      if (before >= 0 && this.sizes[before] === 0) {
        this.mergedInto.set(this.names[before], this.names[label]);
        this.newMerges.add(this.names[before]);
      }
    }
  }

  private setLabel(i: number, label: number): void {
    const before = this.labelOf[i];
    if (before >= 0) this.sizes[before]--;
    this.labelOf[i] = label;
    if (label >= 0) this.sizes[label]++;
  }

  private freshName(component: ComponentToName): string {
    let oldest = component.memberIds(component.members[0]);
    for (const m of component.members) {
      const id = component.memberIds(m);
      if (id < oldest) oldest = id;
    }
    for (let n = 0; ; n++) {
      const name = 'nw-' + createHash('sha256').update(n === 0 ? oldest : `${oldest}:${n}`).digest('hex').slice(0, 16);
      if (!this.byName.has(name) && !this.mergedInto.has(name)) {
        this.newNames.add(name);
        return name;
      }
    }
  }

  private intern(name: string): number {
    let label = this.byName.get(name);
    if (label === undefined) {
      label = this.names.length;
      this.names.push(name);
      this.sizes.push(0);
      this.byName.set(name, label);
    }
    return label;
  }

  private ensure(n: number): void {
    if (n <= this.labelOf.length) return;
    const bigger = new Int32Array(Math.max(n, this.labelOf.length * 2, 1024)).fill(-1);
    bigger.set(this.labelOf);
    this.labelOf = bigger;
  }
}
