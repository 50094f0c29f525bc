// `qualcard sponsor create`, `sponsor add-admin` and `sponsor rotate-key`, in-process: their arguments are checked (each error
// names the argument, and nothing is loaded or written), the project is found, and what the owner's use case answers
// is printed. The use case itself (functions/src/owner.ts) is replaced here; test/emulator/cli-sponsor.test.ts runs
// it for real against the Firestore emulator.
import type * as Owner from '../../functions/src/owner';
import { main } from '../../tools/cli/main';

const ownerCreateSponsor = jest.fn<
  ReturnType<typeof Owner.ownerCreateSponsor>,
  Parameters<typeof Owner.ownerCreateSponsor>
>();
const ownerAddAdmin = jest.fn<ReturnType<typeof Owner.ownerAddAdmin>, Parameters<typeof Owner.ownerAddAdmin>>();
const ownerRotateKey = jest.fn<ReturnType<typeof Owner.ownerRotateKey>, Parameters<typeof Owner.ownerRotateKey>>();
jest.mock('../../functions/src/owner', () => ({ ownerCreateSponsor, ownerAddAdmin, ownerRotateKey }));

beforeEach(() => {
  ownerCreateSponsor.mockReset();
  ownerAddAdmin.mockReset();
  ownerRotateKey.mockReset();
});

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(
    argv,
    (s) => {
      out += `${s}\n`;
    },
    (s) => {
      err += `${s}\n`;
    },
    env,
  );
  return { code, out, err };
}

const CREATE = ['sponsor', 'create', 'acme', '--name', 'Acme Corp', '--admin', 'Admin@Acme.example'];

describe('qualcard sponsor create', () => {
  test('creates the sponsor with the checked arguments and says what it did and what comes next', async () => {
    ownerCreateSponsor.mockResolvedValue({
      ok: true,
      value: {
        sponsorId: 'acme',
        name: 'Acme Corp',
        timeZone: 'America/Chicago',
        admin: 'admin@acme.example',
        createdAt: '2026-12-07T12:00:00.000Z',
      },
    });
    const run = await cli([...CREATE, '--time-zone', 'America/Chicago', '--project', 'acme-qualcard']);
    expect(run).toMatchObject({ code: 0, err: '' });
    expect(ownerCreateSponsor).toHaveBeenCalledWith('acme-qualcard', {
      sponsorId: 'acme',
      name: 'Acme Corp',
      admin: 'admin@acme.example',
      timeZone: 'America/Chicago',
    });
    expect(run.out).toContain(
      'Created sponsor acme ("Acme Corp", time zone America/Chicago) in project acme-qualcard; admin@acme.example is its admin.',
    );
    expect(run.out).toContain('Extensions → Qualcard → Open');
    expect(run.out).toContain('https://<region>-acme-qualcard.cloudfunctions.net/api');
    expect(run.out).toContain('Save set-up');
  });

  test('the project: --project, else GOOGLE_CLOUD_PROJECT, else the emulators when FIRESTORE_EMULATOR_HOST is set', async () => {
    ownerCreateSponsor.mockResolvedValue({
      ok: true,
      value: { sponsorId: 'acme', name: 'Acme Corp', admin: 'admin@acme.example', createdAt: 'x' },
    });
    await cli(CREATE, { GOOGLE_CLOUD_PROJECT: 'from-env-project' });
    expect(ownerCreateSponsor.mock.calls[0]![0]).toBe('from-env-project');
    const emulator = await cli(CREATE, { FIRESTORE_EMULATOR_HOST: '127.0.0.1:8080' });
    expect(ownerCreateSponsor.mock.calls[1]![0]).toBe('demo-qualcard');
    expect(emulator.out).toContain('in the Firestore emulator at 127.0.0.1:8080 (project demo-qualcard)');
    expect(emulator.out).toContain("no time zone yet (the admin's set-up stores the spreadsheet's)");
    const none = await cli(CREATE);
    expect(none.code).toBe(1);
    expect(none.err).toContain('--project: needed');
    expect(ownerCreateSponsor).toHaveBeenCalledTimes(2);
  });

  test.each([
    [['sponsor', 'create', 'acme corp', '--name', 'A', '--admin', 'a@b.example'], '<sponsorId> "acme corp":'],
    [['sponsor', 'create', '-x', '--name', 'A', '--admin', 'a@b.example'], 'unknown option -x'],
    [['sponsor', 'create', 'acme', '--name', '   ', '--admin', 'a@b.example'], '--name "   ": must not be blank'],
    [['sponsor', 'create', 'acme', '--name', 'A', '--admin', 'not-an-email'], '--admin "not-an-email":'],
    [
      ['sponsor', 'create', 'acme', '--name', 'A', '--admin', 'a@b.example', '--time-zone', 'Chicago'],
      '--time-zone "Chicago": not an IANA time zone',
    ],
    [
      ['sponsor', 'create', 'acme', '--name', 'A', '--admin', 'a@b.example', '--project', 'My Project'],
      '--project "My Project":',
    ],
  ])('%j is refused, naming the argument, and nothing is written', async (argv, message) => {
    const run = await cli(argv, { GOOGLE_CLOUD_PROJECT: 'acme-qualcard' });
    expect(run.code).toBeGreaterThan(0);
    expect(run.err).toContain(message);
    expect(ownerCreateSponsor).not.toHaveBeenCalled();
  });

  test('every wrong argument is named at once', async () => {
    const run = await cli(['sponsor', 'create', 'a/b', '--name', 'A', '--admin', 'nope', '--time-zone', 'Mars/Base']);
    expect(run.code).toBe(1);
    expect(run.err.split('\n').filter((l) => /^(<sponsorId>|--admin|--time-zone|--project)/.test(l))).toHaveLength(4);
    expect(run.err).toContain('nothing was written');
  });

  test('--name and --admin are required (exit 2, the usage line)', async () => {
    const run = await cli(['sponsor', 'create', 'acme', '--name', 'Acme']);
    expect(run.code).toBe(2);
    expect(run.err).toContain('sponsor create needs --admin <email>');
    expect(run.err).toContain(
      'usage: qualcard sponsor create <sponsorId> --name "<name>" --admin <email> [--time-zone <Area/City>] [--project <firebase project id>]',
    );
  });

  test("the use case's refusal (the sponsor exists) is the message, exit 1", async () => {
    ownerCreateSponsor.mockResolvedValue({
      ok: false,
      refusal: 'conflict',
      message: 'sponsor acme ("Acme Corp") exists already: nothing was written.',
    });
    const run = await cli(CREATE, { GOOGLE_CLOUD_PROJECT: 'acme-qualcard' });
    expect(run).toMatchObject({ code: 1, out: '' });
    expect(run.err).toContain('exists already: nothing was written');
  });

  test('missing Application Default Credentials: says how to sign in as the owner', async () => {
    ownerCreateSponsor.mockRejectedValue(new Error('Could not load the default credentials. Browse to ...'));
    const run = await cli(CREATE, { GOOGLE_CLOUD_PROJECT: 'acme-qualcard' });
    expect(run.code).toBe(1);
    expect(run.err).toContain('gcloud auth application-default login');
  });

  test('an account that may not write the project is told to run it as the owner', async () => {
    ownerCreateSponsor.mockRejectedValue(
      Object.assign(new Error('7 PERMISSION_DENIED: Missing permissions'), { code: 7 }),
    );
    const run = await cli(CREATE, { GOOGLE_CLOUD_PROJECT: 'acme-qualcard' });
    expect(run.code).toBe(1);
    expect(run.err).toContain("may not write project acme-qualcard's Firestore: run this as the project's owner");
  });
});

describe('qualcard sponsor add-admin', () => {
  test('gives the email the admin role and says what it was before', async () => {
    ownerAddAdmin.mockResolvedValue({
      ok: true,
      value: { sponsorId: 'acme', sponsorName: 'Acme Corp', email: 'new@acme.example', before: 'coach', changed: true },
    });
    const run = await cli(['sponsor', 'add-admin', 'acme', 'New@Acme.example', '--project', 'acme-qualcard']);
    expect(run.code).toBe(0);
    expect(ownerAddAdmin).toHaveBeenCalledWith('acme-qualcard', { sponsorId: 'acme', email: 'new@acme.example' });
    expect(run.out).toContain(
      'new@acme.example is now an admin of sponsor acme ("Acme Corp") in project acme-qualcard (was coach).',
    );
  });

  test('an admin already: nothing written, said so', async () => {
    ownerAddAdmin.mockResolvedValue({
      ok: true,
      value: { sponsorId: 'acme', email: 'a@acme.example', before: 'admin', changed: false },
    });
    const run = await cli(['sponsor', 'add-admin', 'acme', 'a@acme.example', '--project', 'acme-qualcard']);
    expect(run.out).toContain(
      'a@acme.example is an admin of sponsor acme in project acme-qualcard already: nothing was written.',
    );
  });

  test('an unknown sponsor is refused (the use case says so); a bad email is named', async () => {
    ownerAddAdmin.mockResolvedValue({
      ok: false,
      refusal: 'not-found',
      message: 'no sponsor nope: nothing was written.',
    });
    const unknown = await cli(['sponsor', 'add-admin', 'nope', 'a@b.example', '--project', 'acme-qualcard']);
    expect(unknown).toMatchObject({ code: 1 });
    expect(unknown.err).toContain('no sponsor nope');
    const bad = await cli(['sponsor', 'add-admin', 'acme', 'a@@b', '--project', 'acme-qualcard']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('<email> "a@@b":');
    expect(ownerAddAdmin).toHaveBeenCalledTimes(1);
    expect((await cli(['sponsor', 'add-admin', 'acme'])).err).toContain('sponsor add-admin needs <email>');
  });
});

describe('qualcard sponsor rotate-key', () => {
  test('says which key version signs from now on and that the earlier ones stay published', async () => {
    ownerRotateKey.mockResolvedValue({
      ok: true,
      value: {
        sponsorId: 'acme',
        sponsorName: 'Acme Corp',
        version: 3,
        earlier: [1, 2],
        since: '2026-12-07T15:00:00Z',
      },
    });
    const run = await cli(['sponsor', 'rotate-key', 'acme', '--project', 'acme-qualcard']);
    expect(run.code).toBe(0);
    expect(ownerRotateKey).toHaveBeenCalledWith('acme-qualcard', { sponsorId: 'acme' });
    expect(run.out).toContain(
      'sponsor acme ("Acme Corp") in project acme-qualcard signs credentials with key version 3 (<issuer>/keys/3) from now on; the earlier key(s) 1, 2 stay published',
    );
  });

  test('a bad sponsor id is named and nothing is loaded; an unknown sponsor is refused by the use case', async () => {
    const bad = await cli(['sponsor', 'rotate-key', 'Not An Id', '--project', 'acme-qualcard']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('<sponsorId> "Not An Id":');
    expect(ownerRotateKey).not.toHaveBeenCalled();
    ownerRotateKey.mockResolvedValue({
      ok: false,
      refusal: 'not-found',
      message: 'no sponsor nope: nothing was written',
    });
    const unknown = await cli(['sponsor', 'rotate-key', 'nope', '--project', 'acme-qualcard']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('no sponsor nope: nothing was written');
  });
});

test('the usage lists the owner commands and how they reach the project', async () => {
  const { out } = await cli(['--help']);
  expect(out).toContain('qualcard sponsor rotate-key <sponsorId> [--project <firebase project id>]');
  expect(out).toContain('qualcard sponsor add-admin <sponsorId> <email> [--project <firebase project id>]');
  expect(out).toContain('Application Default Credentials');
});
