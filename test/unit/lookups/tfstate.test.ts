// Values from a real Terraform state (format 4): outputs, resources by index, module and data
// addresses; sensitive values refused; wrong addresses explained.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseState, stateValue, type TerraformState } from '../../../src/lookups/tfstate.js';

const text = readFileSync('test/fixtures/lookups/terraform.tfstate', 'utf8');
const parsed = parseState(text);
if (!parsed.ok) throw new Error(parsed.message);
const state: TerraformState = parsed.state;

describe('tfstate values', () => {
  it.each([
    ['aws_subnet.private[0].id', 'subnet-0a1b2c3d4e5f60718'],
    ['aws_subnet.private[1].id', 'subnet-0a1b2c3d4e5f60719'],
    ['aws_subnet.private[1].tags.Name', 'private-b'],
    ['module.network.aws_security_group.jobs.id', 'sg-0c3d4e5f60718293a'],
    ['data.aws_iam_role.exec.arn', 'arn:aws:iam::123456789012:role/exec'],
    ['output.cluster_name', 'etl'],
    ['output.private_subnet_ids[1]', 'subnet-0a1b2c3d4e5f60719'],
  ])('%s', (address, value) => {
    expect(stateValue(state, address)).toEqual({ ok: true, value });
  });

  it('refuses sensitive outputs and attributes', () => {
    for (const address of ['output.db_password', 'aws_db_instance.main.password']) {
      const r = stateValue(state, address);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/sensitive/);
    }
    // A non-sensitive attribute of the same resource is fine.
    expect(stateValue(state, 'aws_db_instance.main.address')).toMatchObject({ ok: true });
  });

  it('explains what is wrong with an address', () => {
    const cases: [string, RegExp][] = [
      ['aws_subnet.public[0].id', /no aws_subnet\.public in the state/],
      ['aws_subnet.private.id', /2 instances: say which/],
      ['aws_subnet.private[7].id', /no instance \[7\]/],
      ['aws_subnet.private[0].nope', /nothing at/],
      ['aws_subnet.private[0].tags', /is a map, not a single value/],
      ['output.private_subnet_ids', /is a list/],
      ['output.missing', /no output "missing"/],
      ['aws_subnet.private[0]', /names a resource, not one of its attributes/],
    ];
    for (const [address, message] of cases) {
      const r = stateValue(state, address);
      expect(r.ok, address).toBe(false);
      if (!r.ok) expect(r.message, address).toMatch(message);
    }
  });

  it('refuses what is not a version 4 state', () => {
    expect(parseState('not json').ok).toBe(false);
    expect(parseState('{"version": 3, "modules": []}').ok).toBe(false);
  });
});
