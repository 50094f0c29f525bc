// The Firebase project owner's commands: `sponsor create` (a sponsor and its first admin), `sponsor add-admin`
// (an admin again for a sponsor whose admins are all gone) and `sponsor rotate-key` (the sponsor signs credentials
// with a new key from now on; the earlier keys stay published). Unlike every other command they do not call the API: no
// one is a member yet to call it as. They run the functions' own use case (functions/src/owner.ts, loaded only
// here and only once the arguments are valid) with the Admin SDK and the owner's Application Default Credentials.
import * as z from 'zod';
import { Email, hasLoneSurrogate, Id, LONE_SURROGATE_MESSAGE, MAX_NAME_LENGTH, TimeZone } from '../../shared/src';
import type { Parsed } from './args';
import { InputError } from './input';
import type { Context } from './remote';

/** The project the emulators run (scripts/with-emulators.sh, .firebaserc). */
export const EMULATOR_PROJECT = 'demo-qualcard';

export const OWNER_RULE = `sponsor create, add-admin and rotate-key are for the Firebase project's owner: they write to the project's
Firestore with the Admin SDK and your Application Default Credentials (\`gcloud auth application-default login\`),
not through the API. --project names the project (else GOOGLE_CLOUD_PROJECT or GCLOUD_PROJECT); with
FIRESTORE_EMULATOR_HOST set they write to the emulator instead (project ${EMULATOR_PROJECT} unless given).`;

const ProjectId = z
  .string('needed (or GOOGLE_CLOUD_PROJECT set): the Firebase project whose Firestore holds the sponsors')
  .regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, 'a Firebase project id: 6-30 lower-case letters, digits or "-"');
const SponsorName = z
  .string()
  .trim()
  .min(1, 'must not be blank')
  .max(MAX_NAME_LENGTH)
  .refine((s) => !hasLoneSurrogate(s), LONE_SURROGATE_MESSAGE);

const CreateArgs = z.object({
  sponsorId: Id,
  name: SponsorName,
  admin: Email,
  timeZone: TimeZone.optional(),
  project: ProjectId,
});
const AddAdminArgs = z.object({ sponsorId: Id, email: Email, project: ProjectId });
const RotateArgs = z.object({ sponsorId: Id, project: ProjectId });

/** How each field is typed on the command line, for the messages. */
const ARGUMENT: Record<string, string> = {
  sponsorId: '<sponsorId>',
  name: '--name',
  admin: '--admin',
  timeZone: '--time-zone',
  project: '--project',
  email: '<email>',
};

function parse<T>(schema: z.ZodType<T>, input: Record<string, string | undefined>): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => {
    const key = String(i.path[0]);
    const given = input[key];
    return `${ARGUMENT[key] ?? key}${given === undefined ? '' : ` ${JSON.stringify(given)}`}: ${i.message}`;
  });
  throw new InputError(`${lines.join('\n')}\nnothing was written`);
}

/** The project given, else the environment's, else the emulators' when FIRESTORE_EMULATOR_HOST is set. */
const projectOf = (values: Map<string, string>, env: NodeJS.ProcessEnv): string | undefined =>
  values.get('project') ??
  env.GOOGLE_CLOUD_PROJECT ??
  env.GCLOUD_PROJECT ??
  (env.FIRESTORE_EMULATOR_HOST ? EMULATOR_PROJECT : undefined);

/** Where the command writes, in words. */
const where = (project: string, env: NodeJS.ProcessEnv): string =>
  env.FIRESTORE_EMULATOR_HOST
    ? `the Firestore emulator at ${env.FIRESTORE_EMULATOR_HOST} (project ${project})`
    : `project ${project}`;

/** The Admin SDK's failures the owner can act on, in words; anything else is thrown as it is. */
function ownerFailure(e: unknown, project: string): Error {
  const code = (e as { code?: unknown }).code;
  const message = e instanceof Error ? e.message : String(e);
  if (/default credentials/i.test(message) || code === 16)
    return new InputError(
      `no usable Application Default Credentials: as the project's owner run \`gcloud auth application-default login\` and try again (nothing was written)\n${message}`,
    );
  if (code === 7)
    return new InputError(
      `the signed-in Google account may not write project ${project}'s Firestore: run this as the project's owner (nothing was written)\n${message}`,
    );
  if (code === 5)
    return new InputError(
      `project ${project} has no Firestore database, or no such project: check --project (nothing was written)\n${message}`,
    );
  if (code === 14 || code === 4)
    return new InputError(`Firestore did not answer: check the network and try again\n${message}`);
  return e instanceof Error ? e : new Error(message);
}

type Owner = typeof import('../../functions/src/owner');
/**
 * functions/src/owner.ts, loaded (with the Admin SDK behind it) only when a command is about to write. `require`, as
 * functions/src/db.ts loads the Admin SDK: bin/qualcard.js runs the CLI through tsx's CommonJS hook, which a dynamic
 * import() would bypass.
 */
const ownerModule = (): Owner => require('../../functions/src/owner') as Owner;

async function owned<T>(
  project: string,
  call: (
    owner: typeof import('../../functions/src/owner'),
  ) => Promise<{ ok: true; value: T } | { ok: false; message: string }>,
): Promise<T> {
  let result: { ok: true; value: T } | { ok: false; message: string };
  try {
    result = await call(ownerModule());
  } catch (e) {
    throw ownerFailure(e, project);
  }
  if (!result.ok) throw new InputError(result.message);
  return result.value;
}

const nextStep = (email: string, sponsorId: string, project: string): string =>
  `Next: ${email} opens the sponsor's spreadsheet, Extensions → Qualcard → Open, connects with the Qualcard endpoint
(https://<region>-${project}.cloudfunctions.net/api), and in the set-up chooses sponsor ${sponsorId} and its
frameworks, then Save set-up. Coaches, consultants and other admins are added from the sidebar's Members section.`;

export async function sponsorCreate({ args: [sponsorId], values }: Parsed, { out, env }: Context): Promise<void> {
  const input = parse(CreateArgs, {
    sponsorId,
    name: values.get('name'),
    admin: values.get('admin'),
    timeZone: values.get('time-zone'),
    project: projectOf(values, env),
  });
  const created = await owned(input.project, (o) =>
    o.ownerCreateSponsor(input.project, {
      sponsorId: input.sponsorId,
      name: input.name,
      admin: input.admin,
      ...(input.timeZone ? { timeZone: input.timeZone } : {}),
    }),
  );
  const zone = created.timeZone
    ? `time zone ${created.timeZone}`
    : "no time zone yet (the admin's set-up stores the spreadsheet's)";
  out(
    `Created sponsor ${created.sponsorId} ("${created.name}", ${zone}) in ${where(input.project, env)}; ${created.admin} is its admin.\n${nextStep(created.admin, created.sponsorId, input.project)}`,
  );
}

export async function sponsorAddAdmin(
  { args: [sponsorId, email], values }: Parsed,
  { out, env }: Context,
): Promise<void> {
  const input = parse(AddAdminArgs, { sponsorId, email, project: projectOf(values, env) });
  const added = await owned(input.project, (o) =>
    o.ownerAddAdmin(input.project, { sponsorId: input.sponsorId, email: input.email }),
  );
  const sponsor = `sponsor ${added.sponsorId}${added.sponsorName ? ` ("${added.sponsorName}")` : ''} in ${where(input.project, env)}`;
  if (!added.changed) {
    out(`${added.email} is an admin of ${sponsor} already: nothing was written.`);
    return;
  }
  const was = added.before ? ` (was ${added.before})` : '';
  out(
    `${added.email} is now an admin of ${sponsor}${was}.\nNext: they open the sponsor's spreadsheet, Extensions → Qualcard → Open; the Members section of their home lists everyone with a role.`,
  );
}

export async function sponsorRotateKey({ args: [sponsorId], values }: Parsed, { out, env }: Context): Promise<void> {
  const input = parse(RotateArgs, { sponsorId, project: projectOf(values, env) });
  const r = await owned(input.project, (o) => o.ownerRotateKey(input.project, { sponsorId: input.sponsorId }));
  const sponsor = `sponsor ${r.sponsorId}${r.sponsorName ? ` ("${r.sponsorName}")` : ''} in ${where(input.project, env)}`;
  out(
    `${sponsor} signs credentials with key version ${r.version} (<issuer>/keys/${r.version}) from now on; the earlier key(s) ${r.earlier.join(', ')} stay published in its issuer document, so the credentials they signed still verify.`,
  );
}
