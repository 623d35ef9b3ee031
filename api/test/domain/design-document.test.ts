import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTIONS, PERMISSIONS, READABLE_TYPES, SENSITIVE_FIELDS, type Principal } from '../../src/domain/permissions.js';
import { STATUS_EFFECTS, TERMINAL_STATUSES, TRANSITIONS } from '../../src/domain/status.js';

/**
 * docs/design.md states the status machine and the permission table in words; these render both from
 * the code's tables, so the document cannot drift from what the API does.
 */
const design = readFileSync(new URL('../../../docs/design.md', import.meta.url), 'utf8');

const WHO = { TECHNICIAN: 'assigned technician', DISPATCHER: 'dispatcher', ADMIN: 'admin' } as const;
const EFFECTS = { ISSUE_INVOICE: 'issues the invoice' } as const;

export function statusTable(): string {
  const rows = TRANSITIONS.map((rule) => {
    const effect = STATUS_EFFECTS[rule.to];
    return `| ${rule.from} | ${rule.to} | ${rule.who.map((role) => WHO[role]).join(', ')} | ${effect ? EFFECTS[effect] : '—'} |`;
  });
  return ['| from | to | who may move it | effect |', '|---|---|---|---|', ...rows].join('\n');
}

const list = (items: readonly string[]) => (items.length ? items.join(', ') : 'nothing');

export function permissionTable(): string {
  const rows = (Object.keys(PERMISSIONS) as Principal[]).map((principal) => {
    const grant = PERMISSIONS[principal];
    const reach = (how: 'direct' | 'nested') => READABLE_TYPES.filter((type) => grant.reads[type] === how);
    return `| ${principal} | ${grant.rows === 'own' ? 'their own' : "the organization's"} | ${list(reach('direct'))} | ${list(reach('nested'))} | ${list(grant.fields)} | ${list(grant.actions)} |`;
  });
  return [
    '| role or key scope | rows | reads directly | reads only inside what it reads | sensitive fields | may change |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

describe('docs/design.md', () => {
  it('states the status machine exactly as domain/status.ts has it', () => {
    expect(design).toContain(statusTable());
    expect(design).toContain(`Terminal statuses: ${TERMINAL_STATUSES.join(', ')}.`);
  });

  it('states the permission table exactly as domain/permissions.ts has it', () => {
    expect(design).toContain(permissionTable());
    expect(design).toContain(`Actions: ${ACTIONS.join(', ')}.`);
    for (const [group, fields] of Object.entries(SENSITIVE_FIELDS)) expect(design).toContain(`| ${group} | ${fields.join(', ')} |`);
  });
});
