import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	const { port } = server.address() as { port: number };
	await new Promise((done) => server.close(done));
	return port;
}

/** Runs a command until `ready` appears in its output; fails with the output if it exits first. */
export async function start(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, ready: string): Promise<ChildProcess> {
	const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	await new Promise<void>((done, fail) => {
		const timer = setTimeout(() => fail(new Error(`${command} ${args.join(' ')} did not start:\n${output}`)), 300_000);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes(ready)) {
				clearTimeout(timer);
				done();
			}
		};
		child.stdout!.on('data', onData);
		child.stderr!.on('data', onData);
		child.once('exit', (code) => fail(new Error(`${command} exited with ${code}:\n${output}`)));
	});
	return child;
}

/** Runs a command to its end; fails with its output unless it exits with 0. */
export async function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
	const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const code = await new Promise<number | null>((done) => child.once('exit', done));
	if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`);
}
