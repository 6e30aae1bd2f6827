import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type Row = Record<string, unknown>;

function cell(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.map(cell).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * A plain table of whatever rows an administration endpoint answers with: the pages for users,
 * groups and the audit log show every field the node gives, so they keep up as those APIs grow.
 */
export function ItemsTable({ rows, columns, testId }: { rows: Row[]; columns?: string[]; testId?: string }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <Text c="dimmed">{t('admin.empty')}</Text>;
  const cols = columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))].slice(0, 8);
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table striped data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            {cols.map((c) => (
              <Table.Th key={c}>{c}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => (
            <Table.Tr key={String(r.id ?? i)}>
              {cols.map((c) => (
                <Table.Td key={c}>
                  <Text size="sm" lineClamp={2}>
                    {cell(r[c])}
                  </Text>
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The rows of a list answer, whichever of the usual envelopes it uses. */
export function rowsOf(answer: unknown): Row[] {
  if (!answer) return [];
  if (Array.isArray(answer)) return answer as Row[];
  const a = answer as { items?: Row[]; events?: Row[]; entries?: Row[] };
  return a.items ?? a.events ?? a.entries ?? [];
}
