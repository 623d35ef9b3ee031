import { describe, expect, it } from 'vitest';
import { createUser } from '../support/fixtures.js';
import { worldForFile } from '../support/world-for-file.js';

const PASSWORD = 'correct horse battery';
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { ... on MutationLoginSuccess { session { token } } } }`;
const SESSIONS = `{ viewer { sessions { id current } } }`;
const END_SESSION = `mutation ($input: EndSessionInput!) { endSession(input: $input) { __typename ... on Error { message } } }`;
const END_OTHER_SESSIONS = `mutation { endOtherSessions { __typename ... on Error { message } } }`;

describe('ending sessions from two devices at once', () => {
  const { db, world } = worldForFile();

  /** Two sessions of one new user, with the id of each. */
  async function twoDevices() {
    const { email } = await createUser(db.prisma, world.org.id, { password: PASSWORD });
    const devices = [];
    for (let i = 0; i < 2; i++) {
      const token = (await world.api.ok(LOGIN, { input: { email, password: PASSWORD } })).login.session.token as string;
      const id = (await world.api.ok(SESSIONS, {}, token)).viewer.sessions.find((s: any) => s.current).id as string;
      devices.push({ token, id });
    }
    return devices as [{ token: string; id: string }, { token: string; id: string }];
  }
  const signedIn = async (token: string) => (await world.api.request(`{ viewer { name } }`, {}, token)).data?.viewer != null;

  it('leaves one of them signed in when each ends the other', async () => {
    for (let round = 0; round < 5; round++) {
      const [a, b] = await twoDevices();
      const answers = await Promise.all([
        world.api.ok(END_SESSION, { input: { id: b.id } }, a.token),
        world.api.ok(END_SESSION, { input: { id: a.id } }, b.token),
      ]);
      const types = answers.map((answer) => answer.endSession.__typename).sort();
      expect(types).toEqual(['ForbiddenError', 'MutationEndSessionSuccess']);
      expect((await Promise.all([signedIn(a.token), signedIn(b.token)])).filter(Boolean)).toHaveLength(1);
    }
  });

  it('leaves one of them signed in when one ends the other while that one signs out the others', async () => {
    for (let round = 0; round < 5; round++) {
      const [a, b] = await twoDevices();
      await Promise.all([world.api.ok(END_SESSION, { input: { id: b.id } }, a.token), world.api.ok(END_OTHER_SESSIONS, {}, b.token)]);
      expect((await Promise.all([signedIn(a.token), signedIn(b.token)])).filter(Boolean)).toHaveLength(1);
    }
  });
});
