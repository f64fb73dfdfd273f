import { describe, expect, it } from 'vitest';
import { lockedScriptBody } from './pg-boss-db.js';

describe('lockedScriptBody', () => {
  it('unwraps the BEGIN … COMMIT scripts pg-boss sends for schema work and maintenance', () => {
    const script = `
    BEGIN;
    SET LOCAL lock_timeout = '30s';
    SELECT pg_advisory_xact_lock(1);
    CREATE FUNCTION f() RETURNS VOID AS $$ BEGIN; END; $$ LANGUAGE plpgsql;
    COMMIT;
  `;
    const body = lockedScriptBody(script);
    expect(body).toContain("SET LOCAL lock_timeout = '30s'");
    expect(body).toContain('$$ BEGIN; END; $$');
    expect(body).not.toMatch(/COMMIT/);
  });

  it('leaves single statements alone', () => {
    expect(lockedScriptBody('SELECT 1')).toBeNull();
    expect(lockedScriptBody('WITH x AS (SELECT 1) SELECT * FROM x')).toBeNull();
  });
});
