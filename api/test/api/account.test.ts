import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SIGN_IN_LIMITS } from '../../src/domain/sign-in-limits.js';
import { LOGIN, TestApi } from '../support/api.js';
import { createUser } from '../support/fixtures.js';
import { worldForFile } from '../support/world-for-file.js';
import { createWorld } from '../support/world.js';
import { listen, Subscription, wsClient } from '../support/ws-client.js';

const PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'a brand new passphrase';

const CHANGE_PASSWORD = `mutation ($input: ChangePasswordInput!) {
  changePassword(input: $input) {
    __typename
    ... on Error { message }
    ... on ValidationError { fieldErrors { path message } }
    ... on ThrottledError { retryAfterSeconds }
    ... on MutationChangePasswordSuccess { endedSessions }
  }
}`;
const END_SESSION = `mutation ($input: EndSessionInput!) {
  endSession(input: $input) {
    __typename
    ... on Error { message }
    ... on MutationEndSessionSuccess { session { id current } }
  }
}`;
const END_OTHER_SESSIONS = `mutation {
  endOtherSessions {
    __typename
    ... on Error { message }
    ... on MutationEndOtherSessionsSuccess { endedSessions }
  }
}`;
const SESSIONS = `{ viewer { sessions { id createdAt lastUsedAt userAgent current } } }`;

describe("one's own password and sessions", () => {
  const { db, world } = worldForFile();

  /** A user of the world's organization and `count` sessions of theirs, each from its own browser. */
  async function userWithSessions(count: number) {
    const { email } = await createUser(db.prisma, world.org.id, { password: PASSWORD });
    const tokens = [];
    for (let i = 0; i < count; i++) tokens.push(await loginAs(email, PASSWORD, `Browser ${i}`));
    return { email, tokens: tokens as string[] };
  }

  async function loginAs(email: string, password: string, userAgent = 'Test browser'): Promise<string | null> {
    const response = await world.api.app.yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': userAgent },
      body: JSON.stringify({
        query: LOGIN,
        variables: { input: { email, password } },
      }),
    });
    return ((await response.json()) as any).data.login.session?.token ?? null;
  }

  const viewerName = async (token: string) => (await world.api.request(`{ viewer { name } }`, {}, token)).data?.viewer?.name ?? null;
  const change = async (token: string, currentPassword: string, newPassword: string) =>
    (await world.api.ok(CHANGE_PASSWORD, { input: { currentPassword, newPassword } }, token)).changePassword;

  it('changes the password and ends every other session, its open sockets included', async () => {
    const { email, tokens } = await userWithSessions(3);
    const [mine, other, another] = tokens as [string, string, string];
    const second = await TestApi.start(db); // the socket is on another API instance
    const url = await listen(second.app);
    const socket = wsClient(url, other);
    await new Subscription(socket.client, `{ viewer { name } }`).waitFor(1);

    expect(await change(mine, PASSWORD, NEW_PASSWORD)).toEqual({ __typename: 'MutationChangePasswordSuccess', endedSessions: 2 });
    expect(await socket.closed).toBe(4403); // reached through the revocation notice
    expect(await viewerName(other)).toBeNull();
    expect(await viewerName(another)).toBeNull();
    expect(await viewerName(mine)).toBe('Dana Dispatcher');
    expect(await loginAs(email, PASSWORD)).toBeNull();
    expect(await loginAs(email, NEW_PASSWORD)).toEqual(expect.any(String));
    await second.close();
  });

  it('refuses a wrong current password with a typed error and changes nothing', async () => {
    const { email, tokens } = await userWithSessions(2);
    const result = await change(tokens[0]!, 'not my password', NEW_PASSWORD);
    expect(result.__typename).toBe('ValidationError');
    expect(result.fieldErrors).toEqual([{ path: ['input', 'currentPassword'], message: 'This is not your current password' }]);
    expect(await viewerName(tokens[1]!)).toBe('Dana Dispatcher');
    expect(await loginAs(email, PASSWORD)).toEqual(expect.any(String));
  });

  it('refuses a weak new password, naming the rule, and changes nothing', async () => {
    const { email, tokens } = await userWithSessions(1);
    const local = email.split('@')[0]!;
    for (const [weak, rule] of [
      ['short', 'At least 10 characters'],
      ['x'.repeat(201), 'At most 200 characters'],
      ['aaaaaaaaaaaa', 'Not one character repeated'],
      [PASSWORD, 'Not the same as the current password'],
      [`${local}-2027!`, 'Not your email address or a part of it'],
    ]) {
      expect((await change(tokens[0]!, PASSWORD, weak!)).fieldErrors).toEqual([{ path: ['input', 'newPassword'], message: rule }]);
    }
    expect(await loginAs(email, PASSWORD)).toEqual(expect.any(String));
  });

  it('throttles guessing the current password like a sign-in', async () => {
    const { tokens } = await userWithSessions(1);
    const outcomes = [];
    for (let i = 0; i <= SIGN_IN_LIMITS.perAccountAndAddress.freeFailures; i++) outcomes.push(await change(tokens[0]!, `guess ${i} of mine`, NEW_PASSWORD));
    expect(outcomes.slice(0, -1).every((o) => o.__typename === 'ValidationError')).toBe(true);
    expect(outcomes.at(-1)).toMatchObject({ __typename: 'ThrottledError', retryAfterSeconds: expect.any(Number) });
    expect(outcomes.at(-1).retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });

  it('refuses an API key: it has no password and no sessions', async () => {
    expect((await change(world.tokens.readKey, PASSWORD, NEW_PASSWORD)).__typename).toBe('ForbiddenError');
    expect((await world.api.ok(SESSIONS, {}, world.tokens.readKey)).viewer.sessions).toEqual([]);
  });

  it("lists the viewer's own live sessions with the current one marked, and never another user's", async () => {
    const { tokens } = await userWithSessions(2);
    const someoneElse = await userWithSessions(1);
    const sessions = (await world.api.ok(SESSIONS, {}, tokens[1]!)).viewer.sessions;
    expect(sessions).toHaveLength(2);
    expect(sessions.map((s: any) => s.userAgent).sort()).toEqual(['Browser 0', 'Browser 1']);
    expect(sessions.filter((s: any) => s.current).map((s: any) => s.userAgent)).toEqual(['Browser 1']);
    const theirs = (await world.api.ok(SESSIONS, {}, someoneElse.tokens[0]!)).viewer.sessions;
    expect(theirs.map((s: any) => s.id)).not.toContain(sessions[0].id);
    expect((await world.api.request(SESSIONS)).data?.viewer).toBeNull();
  });

  it('ends one of its own other sessions', async () => {
    const { tokens } = await userWithSessions(2);
    const other = (await world.api.ok(SESSIONS, {}, tokens[0]!)).viewer.sessions.find((s: any) => !s.current);
    expect((await world.api.ok(END_SESSION, { input: { id: other.id } }, tokens[0]!)).endSession).toEqual({ __typename: 'MutationEndSessionSuccess', session: { id: other.id, current: false } });
    expect(await viewerName(tokens[1]!)).toBeNull();
    expect(await viewerName(tokens[0]!)).toBe('Dana Dispatcher');
    expect((await world.api.ok(SESSIONS, {}, tokens[0]!)).viewer.sessions).toHaveLength(1);
    // Ended is ended: a second time it is not found.
    expect((await world.api.ok(END_SESSION, { input: { id: other.id } }, tokens[0]!)).endSession.__typename).toBe('NotFoundError');
  });

  it("answers NOT_FOUND for another user's session, of this organization or another, and leaves it alone", async () => {
    const { tokens } = await userWithSessions(1);
    const colleague = await userWithSessions(1);
    const stranger = await createWorld(db);
    const strangerSession = await db.prisma.session.findFirstOrThrow({ where: { organizationId: stranger.org.id } });
    const colleagueSession = (await world.api.ok(SESSIONS, {}, colleague.tokens[0]!)).viewer.sessions[0];
    for (const id of [colleagueSession.id, strangerSession.id, randomUUID()]) {
      expect((await world.api.ok(END_SESSION, { input: { id } }, tokens[0]!)).endSession).toEqual({ __typename: 'NotFoundError', message: 'Session not found' });
    }
    expect(await viewerName(colleague.tokens[0]!)).toBe('Dana Dispatcher');
    expect(await db.prisma.session.findUniqueOrThrow({ where: { id: strangerSession.id } })).toMatchObject({ revokedAt: null });
    expect((await world.api.ok(END_SESSION, { input: { id: 'not-a-session' } }, tokens[0]!)).endSession.__typename).toBe('ValidationError');
    expect((await world.api.ok(END_SESSION, { input: { id: colleagueSession.id } })).endSession.__typename).toBe('ForbiddenError'); // anonymous
    await stranger.api.close();
  });

  it('signs out all other sessions, their open sockets included, and keeps the current one', async () => {
    const { tokens } = await userWithSessions(3);
    const [mine, other, another] = tokens as [string, string, string];
    const colleague = await userWithSessions(1);
    const second = await TestApi.start(db); // the socket is on another API instance
    const socket = wsClient(await listen(second.app), other);
    await new Subscription(socket.client, `{ viewer { name } }`).waitFor(1);

    expect((await world.api.ok(END_OTHER_SESSIONS, {}, mine)).endOtherSessions).toEqual({ __typename: 'MutationEndOtherSessionsSuccess', endedSessions: 2 });
    expect(await socket.closed).toBe(4403);
    expect(await viewerName(other)).toBeNull();
    expect(await viewerName(another)).toBeNull();
    expect(await viewerName(mine)).toBe('Dana Dispatcher');
    expect((await world.api.ok(SESSIONS, {}, mine)).viewer.sessions).toEqual([expect.objectContaining({ current: true })]);
    expect(await viewerName(colleague.tokens[0]!)).toBe('Dana Dispatcher'); // another user's sessions are not touched
    // With none left, it ends none.
    expect((await world.api.ok(END_OTHER_SESSIONS, {}, mine)).endOtherSessions).toEqual({ __typename: 'MutationEndOtherSessionsSuccess', endedSessions: 0 });
    await second.close();
  });

  it('signs out the other sessions from one device when several ask at once: the others find their own ended', async () => {
    const { tokens } = await userWithSessions(6);
    const answers = await Promise.all(tokens.map(async (token) => (await world.api.ok(END_OTHER_SESSIONS, {}, token!)).endOtherSessions));
    const succeeded = answers.filter((answer) => answer.__typename === 'MutationEndOtherSessionsSuccess');
    expect(succeeded).toEqual([{ __typename: 'MutationEndOtherSessionsSuccess', endedSessions: 5 }]);
    expect(answers.filter((answer) => answer.__typename !== 'MutationEndOtherSessionsSuccess').map((answer) => answer.__typename)).toEqual(Array(5).fill('ForbiddenError'));
    const signedIn = await Promise.all(tokens.map((token) => viewerName(token!)));
    expect(signedIn.filter((name) => name !== null)).toEqual(['Dana Dispatcher']);
    expect(signedIn[answers.indexOf(succeeded[0]!)]).toBe('Dana Dispatcher');
  });

  it('refuses to sign out other sessions for an API key or an anonymous caller', async () => {
    const { tokens } = await userWithSessions(1);
    expect((await world.api.ok(END_OTHER_SESSIONS, {}, world.tokens.readKey)).endOtherSessions.__typename).toBe('ForbiddenError');
    expect((await world.api.ok(END_OTHER_SESSIONS)).endOtherSessions.__typename).toBe('ForbiddenError');
    expect(await viewerName(tokens[0]!)).toBe('Dana Dispatcher');
  });

  it('ends the current session too, which signs this client out', async () => {
    const { tokens } = await userWithSessions(1);
    const [current] = (await world.api.ok(SESSIONS, {}, tokens[0]!)).viewer.sessions;
    expect((await world.api.ok(END_SESSION, { input: { id: current.id } }, tokens[0]!)).endSession).toEqual({ __typename: 'MutationEndSessionSuccess', session: { id: current.id, current: true } });
    expect(await viewerName(tokens[0]!)).toBeNull();
  });
});
