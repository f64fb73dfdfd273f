import { describe, expect, it } from 'vitest';
import { createPlacementIds, deploymentKey } from './placement-ids.js';

const resolved = (applications: [string, string][], deployments: [string, string][] = []) => ({
  applications: new Map(applications),
  deployments: new Map(deployments),
});

describe('createPlacementIds', () => {
  it('answers only when every name is known', () => {
    const ids = createPlacementIds();
    ids.remember('p1', resolved([['a', 'id-a']]));
    expect(ids.applications('p1', ['a'])).toEqual(new Map([['a', 'id-a']]));
    expect(ids.applications('p1', ['a', 'b'])).toBeUndefined();
    expect(ids.applications('p2', ['a'])).toBeUndefined();
  });

  it('keys deployments by application, version and environment', () => {
    const ids = createPlacementIds();
    const key = deploymentKey('id-a', '1.0', 'prod');
    ids.remember('p1', resolved([], [[key, 'dep-1']]));
    expect(ids.deployments([key])).toEqual(new Map([[key, 'dep-1']]));
    expect(ids.deployments([deploymentKey('id-a', '1.0', 'staging')])).toBeUndefined();
  });

  it('forgets the oldest entries beyond its bound', () => {
    const ids = createPlacementIds(2);
    ids.remember('p', resolved([['a', '1']]));
    ids.remember('p', resolved([['b', '2']]));
    ids.remember('p', resolved([['c', '3']]));
    expect(ids.applications('p', ['a'])).toBeUndefined();
    expect(ids.applications('p', ['b', 'c'])).toEqual(
      new Map([
        ['b', '2'],
        ['c', '3'],
      ]),
    );
  });
});
