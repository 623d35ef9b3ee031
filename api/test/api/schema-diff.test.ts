import { describe, expect, it } from 'vitest';
import { coordinateOf, reviewSchemaChange } from '../../src/schema/diff.js';

const BEFORE = `
type Query { workOrders(first: Int, status: Status): [WorkOrder!]! }
type Mutation { cancelWorkOrder(id: ID!): WorkOrder  transitionWorkOrder(id: ID!, status: Status!): WorkOrder }
type WorkOrder { id: ID!  label: String!  notes: String }
enum Status { SCHEDULED DONE CANCELED }
`;
const CHANGELOG = `# API changelog

## 2026-12-01
- \`Mutation.cancelWorkOrder\` removed: use \`transitionWorkOrder\` with \`status: CANCELED\` and a reason.
`;

const review = (after: string, changelog = CHANGELOG) => reviewSchemaChange(BEFORE, after, changelog);

describe('the breaking-change check (pnpm schema:diff)', () => {
  it('fails on a breaking change the changelog does not record, naming its coordinate', async () => {
    const result = await review(BEFORE.replace('label: String!  ', ''));
    expect(result.unrecorded.map(coordinateOf)).toEqual(['WorkOrder.label']);
    expect(result.recorded).toEqual([]);
  });

  it('passes a breaking change the changelog records by its coordinate in backticks', async () => {
    const result = await review(BEFORE.replace('cancelWorkOrder(id: ID!): WorkOrder  ', ''));
    expect(result.unrecorded).toEqual([]);
    expect(result.recorded.map(coordinateOf)).toEqual(['Mutation.cancelWorkOrder']);
  });

  it('does not take a mention without backticks, or of another coordinate, as a record', async () => {
    const changelog = '## 2026-12-01\n- Mutation.cancelWorkOrder removed\n- `Mutation.cancelWorkOrders` renamed\n';
    const result = await review(BEFORE.replace('cancelWorkOrder(id: ID!): WorkOrder  ', ''), changelog);
    expect(result.unrecorded.map(coordinateOf)).toEqual(['Mutation.cancelWorkOrder']);
  });

  it('fails on each unrecorded one when only some are recorded', async () => {
    const after = BEFORE.replace('cancelWorkOrder(id: ID!): WorkOrder  ', '').replace('DONE CANCELED', 'DONE').replace('notes: String', 'notes: Int');
    const result = await review(after);
    expect(result.recorded.map(coordinateOf)).toEqual(['Mutation.cancelWorkOrder']);
    expect(result.unrecorded.map(coordinateOf).sort()).toEqual(['Status.CANCELED', 'WorkOrder.notes']);
  });

  it('catches a new required argument and a nullable field made non-null in an input position', async () => {
    const after = BEFORE.replace('workOrders(first: Int, status: Status)', 'workOrders(first: Int!, status: Status, from: String!)');
    const result = await review(after);
    expect(result.unrecorded.map(coordinateOf).sort()).toEqual(['Query.workOrders.first', 'Query.workOrders.from']);
  });

  it('passes safe changes: a new type, field, optional argument and description', async () => {
    const after = `${BEFORE.replace('notes: String }', 'notes: String  """When it was made""" createdAt: String }').replace('status: Status)', 'status: Status, search: String)')}
type Technician { id: ID! }`;
    const result = await review(after, '');
    expect(result.unrecorded).toEqual([]);
    expect(result.recorded).toEqual([]);
  });

  it('reports a new enum value as dangerous, not breaking', async () => {
    const result = await review(BEFORE.replace('DONE CANCELED', 'DONE CANCELED NO_SHOW'), '');
    expect(result.unrecorded).toEqual([]);
    expect(result.dangerous.map(coordinateOf)).toEqual(['Status.NO_SHOW']);
  });

  it('passes an unchanged schema with no changelog at all', async () => {
    expect(await review(BEFORE, '')).toEqual({ recorded: [], unrecorded: [], dangerous: [] });
  });
});
