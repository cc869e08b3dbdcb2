// The Date scalar: an RFC 3339 full-date ("2024-04-14"), as graphql-scalars reads it, within the
// years PostgreSQL's date and JavaScript's Date agree on (0001–9999): "0000-01-01" is refused as
// input, not left to fail in the database.
import { GraphQLError, GraphQLScalarType, type ValueNode } from 'graphql';
import { DateResolver } from 'graphql-scalars';

const inRange = (value: Date) => {
  const year = value.getUTCFullYear();
  if (year < 1 || year > 9999)
    throw new GraphQLError(`Date must fall in the years 0001 to 9999; got ${value.toISOString().slice(0, 10)}.`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  return value;
};

export const DateScalar = new GraphQLScalarType<Date, string>({
  ...DateResolver.toConfig(),
  description: 'A calendar date, RFC 3339 full-date: "2024-04-14". Years 0001 to 9999.',
  specifiedByURL: 'https://datatracker.ietf.org/doc/html/rfc3339#section-5.6',
  parseValue: (value: unknown) => inRange(DateResolver.parseValue(value) as Date),
  parseLiteral: (ast: ValueNode, variables?: Record<string, unknown> | null) => inRange(DateResolver.parseLiteral(ast, variables) as Date),
});
