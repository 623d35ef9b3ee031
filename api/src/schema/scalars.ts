import { GraphQLError, GraphQLScalarType, type ValueNode } from 'graphql';
import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { BUSINESS_RANGE_MESSAGE, isBusinessDate, isBusinessInstant } from '../domain/ranges.js';

/**
 * A scalar of graphql-scalars that also refuses values outside the business range. A refused value,
 * malformed or out of range, is a request error with code BAD_USER_INPUT: no resolver sees it.
 */
function withinRange<T>(scalar: GraphQLScalarType<T>, inRange: (value: T) => boolean, description: string) {
  const refuse = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
  const checked = (parse: () => unknown): T => {
    let value: T;
    try {
      value = parse() as T;
    } catch (error) {
      throw refuse(error instanceof Error ? error.message : `Not a ${scalar.name}`);
    }
    if (!inRange(value)) throw refuse(`${scalar.name} must be ${BUSINESS_RANGE_MESSAGE}`);
    return value;
  };
  const config = scalar.toConfig();
  return new GraphQLScalarType<T>({
    ...config,
    description,
    parseValue: (value) => checked(() => config.parseValue!(value)),
    parseLiteral: (ast: ValueNode, variables) => checked(() => config.parseLiteral!(ast, variables)),
  });
}

export const BusinessDateTime = withinRange(
  DateTimeResolver as GraphQLScalarType<Date>,
  isBusinessInstant,
  `An instant, RFC 3339 with an offset, ${BUSINESS_RANGE_MESSAGE} (UTC)`,
);

export const BusinessDate = withinRange(
  LocalDateResolver as GraphQLScalarType<string>,
  isBusinessDate,
  `A calendar day, YYYY-MM-DD, in the organization's time zone, ${BUSINESS_RANGE_MESSAGE}`,
);
