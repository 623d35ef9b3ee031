import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { ARMOR } from './policy.js';

/** Depth, alias, directive and token limits, and no "did you mean" field suggestions. */
export function armorPlugins() {
  return new EnvelopArmor({
    maxDepth: { n: ARMOR.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: ARMOR.maxAliases },
    maxDirectives: { n: ARMOR.maxDirectives },
    maxTokens: { n: ARMOR.maxTokens },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  }).protect().plugins;
}
