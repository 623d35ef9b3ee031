import { readFileSync } from 'node:fs';
import graphqlPlugin from '@graphql-eslint/eslint-plugin';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { schemaPath } from '../../src/schema/print.js';

/** @graphql-eslint's require-description over the printed schema: everything an integrator reads has one. */
function missingDescriptions(sdl: string): string[] {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    sdl,
    [
      {
        files: ['**/*.graphql'],
        languageOptions: { parser: graphqlPlugin.parser, parserOptions: { graphQLConfig: { schema: sdl } } },
        plugins: { '@graphql-eslint': graphqlPlugin as never },
        rules: {
          '@graphql-eslint/require-description': [
            'error',
            {
              types: true,
              rootField: true,
              FieldDefinition: true,
              InputValueDefinition: true,
              EnumValueDefinition: true,
              DirectiveDefinition: true,
            },
          ],
        },
      },
    ],
    'schema.graphql',
  );
  return messages.map((message) => `${message.line}: ${message.message}`);
}

describe('schema descriptions', () => {
  it('describes every type, field, argument, input field and enum value of api/schema.graphql', () => {
    expect(missingDescriptions(readFileSync(schemaPath, 'utf8'))).toEqual([]);
  });

  it('catches a missing one', () => {
    const sdl = '"""A thing"""\ntype Query {\n  """Described"""\n  a: Int\n  b(x: Int): Int\n}\n';
    expect(missingDescriptions(sdl)).toHaveLength(2);
  });
});
