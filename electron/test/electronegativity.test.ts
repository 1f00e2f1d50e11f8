/** The pass/fail logic of scripts/electronegativity.mjs (the scan itself runs in lint:electron). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applySuppressions,
  isScanned,
  parseSuppressions,
  sarifFindings,
  SUPPRESSIONS_FILE,
} from '../../scripts/electronegativity.mjs';

const sarif = {
  runs: [
    {
      results: [
        {
          ruleId: 'CSP_GLOBAL_CHECK',
          message: { text: 'No CSP' },
          locations: [
            {
              physicalLocation: { artifactLocation: { uri: 'file:///' }, region: { startLine: 1 } },
            },
          ],
        },
        {
          ruleId: 'PRELOAD_JS_CHECK',
          message: { text: 'Review preload' },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: 'electron\\main\\windows.ts' },
                region: { startLine: 140 },
              },
            },
          ],
        },
        {
          ruleId: 'NODE_INTEGRATION_JS_CHECK',
          message: { text: 'Disable nodeIntegration' },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: 'renderer/x.ts' },
                region: { startLine: 3 },
              },
            },
          ],
        },
      ],
    },
  ],
};

describe('electronegativity gate', () => {
  const findings = sarifFindings(sarif);

  it('reads rule, file and line from SARIF', () => {
    expect(findings).toEqual([
      { rule: 'CSP_GLOBAL_CHECK', file: '', line: 1, message: 'No CSP' },
      {
        rule: 'PRELOAD_JS_CHECK',
        file: 'electron/main/windows.ts',
        line: 140,
        message: 'Review preload',
      },
      {
        rule: 'NODE_INTEGRATION_JS_CHECK',
        file: 'renderer/x.ts',
        line: 3,
        message: 'Disable nodeIntegration',
      },
    ]);
  });

  it('fails on every finding that no reviewed suppression covers, and reports stale ones', () => {
    const suppressions = parseSuppressions([
      {
        rule: 'CSP_GLOBAL_CHECK',
        reason: 'the CSP is a response header set by the protocol handler',
      },
      {
        rule: 'PRELOAD_JS_CHECK',
        file: 'electron/main/windows.ts',
        reason: 'the preload exposes named methods only',
      },
      {
        rule: 'SANDBOX_JS_CHECK',
        file: 'electron/old.ts',
        reason: 'this file was removed a while ago',
      },
    ]);
    const { open, accepted, stale } = applySuppressions(findings, suppressions);
    expect(open.map((f) => f.rule)).toEqual(['NODE_INTEGRATION_JS_CHECK']);
    expect(accepted).toHaveLength(2);
    expect(stale.map((s) => s.rule)).toEqual(['SANDBOX_JS_CHECK']);
  });

  it('matches a suppression to its file only', () => {
    const [s] = parseSuppressions([
      {
        rule: 'NODE_INTEGRATION_JS_CHECK',
        file: 'renderer/y.ts',
        reason: 'reviewed: it is a different file here',
      },
    ]);
    expect(applySuppressions(findings, [s!]).open.map((f) => f.rule)).toContain(
      'NODE_INTEGRATION_JS_CHECK',
    );
  });

  it.each([
    [{ rule: 'CSP_GLOBAL_CHECK' }],
    [{ rule: 'CSP_GLOBAL_CHECK', reason: 'ok' }],
    [{ rule: 'lowercase', reason: 'a reason with enough words in it' }],
    ['CSP_GLOBAL_CHECK'],
  ])('refuses a suppression without a proper rule and reason: %j', (entry) => {
    expect(() => parseSuppressions([entry])).toThrow();
  });

  it('has a valid, reasoned suppression file in the repository', () => {
    const file = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', '..', SUPPRESSIONS_FILE), 'utf8'),
    );
    expect(parseSuppressions(file).length).toBeGreaterThan(0);
  });

  it('scans shipped sources, not tests or mocks', () => {
    expect(isScanned('electron/main/windows.ts')).toBe(true);
    expect(isScanned('renderer/src/App.tsx')).toBe(true);
    expect(isScanned('electron/main/windows.test.ts')).toBe(false);
    expect(isScanned('electron/test/electron-mock.ts')).toBe(false);
    expect(isScanned('renderer/src/x.spec.tsx')).toBe(false);
  });
});
