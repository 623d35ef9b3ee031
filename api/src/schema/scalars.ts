import { GraphQLError, GraphQLScalarType, type ValueNode } from 'graphql';
import { DateTimeResolver, HexColorCodeResolver, LocalDateResolver } from 'graphql-scalars';
import { BUSINESS_RANGE_MESSAGE, isBusinessDate, isBusinessInstant } from '../domain/ranges.js';

const refuse = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

/**
 * A scalar of graphql-scalars whose refusals are BAD_USER_INPUT request errors, and that also refuses
 * values outside `inRange`: no resolver sees a malformed or out-of-range value.
 */
function checked<T>(scalar: GraphQLScalarType<T>, options: { inRange?: (value: T) => boolean; description?: string } = {}) {
  const parsed = (parse: () => unknown): T => {
    let value: T;
    try {
      value = parse() as T;
    } catch (error) {
      throw refuse(error instanceof Error ? error.message : `Not a ${scalar.name}`);
    }
    if (options.inRange && !options.inRange(value)) throw refuse(`${scalar.name} must be ${BUSINESS_RANGE_MESSAGE}`);
    return value;
  };
  const config = scalar.toConfig();
  return new GraphQLScalarType<T>({
    ...config,
    description: options.description ?? config.description,
    parseValue: (value) => parsed(() => config.parseValue!(value)),
    // One parameter: graphql-jit writes a warning to the console for every literal of a scalar whose
    // parseLiteral declares a second (variables), which a date, an instant or a colour never holds.
    parseLiteral: (ast: ValueNode) => parsed(() => config.parseLiteral!(ast)),
  });
}

export const BusinessDateTime = checked(DateTimeResolver as GraphQLScalarType<Date>, {
  inRange: isBusinessInstant,
  description: `An instant, RFC 3339 with an offset, ${BUSINESS_RANGE_MESSAGE} (UTC)`,
});

export const BusinessDate = checked(LocalDateResolver as GraphQLScalarType<string>, {
  inRange: isBusinessDate,
  description: `A calendar day, YYYY-MM-DD, in the organization's time zone, ${BUSINESS_RANGE_MESSAGE}`,
});

export const HexColorCode = checked(HexColorCodeResolver as GraphQLScalarType<string>);
