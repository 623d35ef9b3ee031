import { runCommand, type Command } from '../services/command.js';
import { callerOf, type Context } from '../context.js';

/** Runs a mutation's command as the request's caller. */
export function run<Input, Result>(context: Context, command: Command<Input, Result>, input: Input): Promise<Result> {
  return runCommand(context, callerOf(context), command, input);
}

/** Runs the command, then reads the row it wrote again with the client's selection (relations included). */
export async function runAndRead<Input, Row>(
  context: Context,
  command: Command<Input, { id: string }>,
  input: Input,
  read: (id: string) => Promise<Row>,
): Promise<Row> {
  const { id } = await run(context, command, input);
  return read(id);
}
