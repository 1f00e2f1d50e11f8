import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'out/', 'coverage/', 'test-results/', 'playwright-report/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // The solver must never generate code from strings (strict CSP in the app).
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'electron', 'react', 'three'],
              message: 'shared/ is pure TypeScript: no Node, Electron, React or three.',
            },
            // shared/ is the bottom of the house: it imports only itself and pure libraries.
            ...['renderer', 'cli', 'electron', 'node', 'scripts', 'bench', 'e2e'].map((folder) => ({
              group: [`**/${folder}/**`],
              message: `shared/ may not import ${folder}/.`,
            })),
          ],
          paths: ['fs', 'path', 'worker_threads'],
        },
      ],
    },
  },
  // Inside the renderer the data flows one way:
  // store → solver → platform → view → export → panels → present → App.
  // Each layer may import the ones before it, never the ones after.
  ...layers('renderer/src', [
    ['store', ['solver', 'platform', 'view', 'export', 'panels', 'present']],
    ['solver', ['platform', 'view', 'export', 'panels', 'present']],
    ['platform', ['view', 'export', 'panels', 'present']],
    ['view', ['export', 'panels', 'present']],
    ['export', ['panels', 'present']],
    ['panels', ['present']],
  ]),
);

/**
 * One config block per folder of `root`, forbidding imports of the folders listed for it (and of
 * the app's entry files). Tests may reach across layers to set things up.
 * @param {string} root
 * @param {[string, string[]][]} rules
 */
function layers(root, rules) {
  return rules.map(([folder, forbidden]) => ({
    files: [`${root}/${folder}/**/*.{ts,tsx}`],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...forbidden.map((other) => ({
              // Relative paths only, so shared/export/… is not mistaken for the renderer's export/.
              group: ['./', '../', '../../', '../../../'].map((up) => `${up}${other}/**`),
              message: `${folder}/ may not import ${other}/: it sits above ${folder}/ in the renderer's layers.`,
            })),
            {
              group: ['**/App.tsx', '**/main.tsx', '**/startup.tsx'],
              message: 'Only the entry (main.tsx, then startup.tsx) imports App.tsx.',
            },
          ],
        },
      ],
    },
  }));
}
