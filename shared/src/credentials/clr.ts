// A Comprehensive Learner Record 2.0 (1EdTech CLR 2.0, ClrCredential) for one apprentice: the program, each level
// (with its signed level credential once complete), every competency that counts (engine/provenance.ts, through the
// engine's countedEntries) with the day it was confirmed, and the engine's hours per level and category as results.
// Pure, in two steps: the caller signs what `clrParts` returns, then wraps the signed credentials with `clrCredential`
// and signs that. Nothing here decides what counts or how far a level is: the engine's progress says.
import type { CheckedRecord } from '../engine/counted';
import { confirmedOn } from '../engine/provenance';
import { HOURS_CATEGORY_LABEL } from '../engine/rules';
import type { Framework, Item } from '../model/framework';
import type { LevelProgress, Progress } from '../model/progress';
import type { IdentityObject, Profile } from './build';
import { issuerUrls, OB_CONTEXT, OB_EXTENSIONS_CONTEXT, VC_CONTEXT } from './vocabulary';

export const CLR_CONTEXT = 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json';
export const CLR_SCHEMA_ID = 'https://purl.imsglobal.org/spec/clr/v2p0/schema/json/clr_v2p0_clrcredential_schema.json';
export const CLR_TYPE = ['VerifiableCredential', 'ClrCredential'] as const;
const ACHIEVEMENT_CREDENTIAL = ['VerifiableCredential', 'AchievementCredential'] as const;

export interface ClrInput {
  /** The CLR's id (urn:uuid:…). */
  id: string;
  /** Ids of the credentials issued inside this record (one per counted competency, one for the program record). */
  idFor: (key: string) => string;
  baseUrl: string;
  sponsor: { id: string; name: string };
  framework: Framework;
  /** The engine's progress for the apprentice, as of the record's day. */
  progress: Progress;
  /** The engine's entries that count (countedEntries): the sign-offs become the competencies. */
  counted: Pick<CheckedRecord, 'signOffs'>;
  timeZone: string;
  recipient: { id: string; name: string; startDate: string; emailHash: string; salt: string };
  issuedAt: string;
}

/** A credential as JSON; `SignedCredential` once its proof is added (opaque to the builder). */
export type Credential = Record<string, unknown> & { id: string };
export type SignedCredential = Credential;

interface Achievement {
  id: string;
  type: ['Achievement'];
  achievementType: string;
  name: string;
  description: string;
  humanCode?: string;
  criteria: { narrative: string };
  resultDescription?: { id: string; type: ['ResultDescription']; name: string; resultType: string }[];
  creator: Profile;
}

const itemName = (item: Item): string =>
  item.texts.competency ?? item.texts.statement ?? item.texts.do ?? item.texts.exit ?? item.texts.know ?? item.id;

function ids(input: ClrInput) {
  const { framework } = input;
  const urls = issuerUrls(input.baseUrl, input.sponsor.id);
  const program = `${urls.achievements}/${[framework.id, framework.version].map(encodeURIComponent).join('/')}`;
  return {
    issuer: { id: urls.issuer, type: ['Profile'], name: input.sponsor.name } satisfies Profile,
    program,
    /** The same id the level credential's achievement has (build.ts). */
    level: (levelId: string) => `${program}/${encodeURIComponent(levelId)}`,
    item: (itemId: string) => `${program}/items/${encodeURIComponent(itemId)}`,
  };
}

const identifiers = (r: ClrInput['recipient']): IdentityObject[] => [
  { type: 'IdentityObject', identityHash: r.emailHash, identityType: 'emailAddress', hashed: true, salt: r.salt },
  { type: 'IdentityObject', identityHash: r.name, identityType: 'name', hashed: false },
];

function levelAchievement(input: ClrInput, level: LevelProgress): Achievement {
  const { framework } = input;
  const at = ids(input);
  const definition = framework.levels.find((l) => l.id === level.levelId);
  return {
    id: at.level(level.levelId),
    type: ['Achievement'],
    achievementType: 'ApprenticeshipCertificate',
    name: `${framework.title}: ${level.title}`,
    description: definition?.description ?? `${level.title} of the ${framework.title} apprenticeship framework.`,
    humanCode: `${framework.id} ${level.levelId}`,
    criteria: { narrative: `Every requirement of ${level.title}, on entries confirmed by a coach or an admin.` },
    creator: at.issuer,
  };
}

/** Hours per level and category, and each level's standing: the engine's numbers, as results of the program. */
function programResults(input: ClrInput) {
  const at = ids(input);
  const descriptions: NonNullable<Achievement['resultDescription']> = [];
  const results: { type: ['Result']; resultDescription: string; value: string; status?: string }[] = [];
  for (const level of input.progress.levels) {
    const id = `${at.program}#${encodeURIComponent(level.levelId)}`;
    descriptions.push({ id, type: ['ResultDescription'], name: `${level.title}: progress (%)`, resultType: 'Percent' });
    results.push({
      type: ['Result'],
      resultDescription: id,
      value: String(level.percent),
      status: level.complete ? 'Completed' : 'InProgress',
    });
    for (const h of level.hours) {
      const hid = `${id}-hours-${h.category}`;
      const name = `${level.title}: ${HOURS_CATEGORY_LABEL[h.category]} hours (of ${h.required} required)`;
      descriptions.push({ id: hid, type: ['ResultDescription'], name, resultType: 'ext:Hours' });
      results.push({ type: ['Result'], resultDescription: hid, value: String(h.done) });
    }
  }
  return { descriptions, results };
}

function achievementCredential(
  input: ClrInput,
  id: string,
  achievement: Achievement,
  subject: Record<string, unknown>,
): Credential {
  const at = ids(input);
  return {
    '@context': [VC_CONTEXT, OB_CONTEXT, OB_EXTENSIONS_CONTEXT],
    id,
    type: [...ACHIEVEMENT_CREDENTIAL],
    name: achievement.name,
    issuer: at.issuer,
    validFrom: input.issuedAt,
    credentialSubject: {
      id: input.recipient.id,
      type: ['AchievementSubject'],
      identifier: identifiers(input.recipient),
      achievement,
      ...subject,
    },
  };
}

/** The counted competencies: each item with a counted sign-off, the day it was confirmed (the sponsor's calendar). */
export function countedCompetencies(input: ClrInput): { item: Item; at: string; on: string; attested: boolean }[] {
  const items = new Map(input.framework.workFunctions.flatMap((wf) => wf.items).map((i) => [i.id, i]));
  const seen = new Set<string>();
  return input.counted.signOffs.flatMap((s) => {
    const item = items.get(s.itemId);
    const c = s.confirmation;
    if (!item || !c || seen.has(item.id)) return [];
    seen.add(item.id);
    return [{ item, at: c.at, on: confirmedOn(c, input.timeZone), attested: c.kind === 'attested' }];
  });
}

function programAchievementOf(input: ClrInput): Achievement {
  const { framework } = input;
  const at = ids(input);
  return {
    id: at.program,
    type: ['Achievement'],
    achievementType: 'LearningProgram',
    name: framework.title,
    description: `The ${framework.title} apprenticeship (framework ${framework.id}, version ${framework.version}) with ${input.sponsor.name}.`,
    humanCode: framework.id,
    criteria: { narrative: `Every level of ${framework.title}, as the framework's source document requires.` },
    resultDescription: programResults(input).descriptions,
    creator: at.issuer,
  };
}

function competencyAchievement(input: ClrInput, item: Item, on: string, attested: boolean): Achievement {
  return {
    id: ids(input).item(item.id),
    type: ['Achievement'],
    achievementType: 'Competency',
    name: itemName(item),
    description: itemName(item),
    humanCode: item.id,
    criteria: { narrative: `Signed off and ${attested ? 'attested by a sponsor admin' : 'confirmed'} on ${on}.` },
    creator: ids(input).issuer,
  };
}

/**
 * What the record holds besides the level credentials, unsigned: the program with its results, and one
 * AchievementCredential per counted competency (its subject's activityEndDate: when it was confirmed).
 */
export function clrParts(input: ClrInput): { program: Credential; competencies: Credential[] } {
  const { recipient } = input;
  const programAchievement = programAchievementOf(input);
  const { results } = programResults(input);
  const program = achievementCredential(input, input.idFor('program'), programAchievement, {
    activityStartDate: `${recipient.startDate}T00:00:00Z`,
    result: results,
  });
  const competencies = countedCompetencies(input).map(({ item, at: when, on, attested }) =>
    achievementCredential(input, input.idFor(`item:${item.id}`), competencyAchievement(input, item, on, attested), {
      activityEndDate: when,
    }),
  );
  return { program, competencies };
}

/**
 * The ClrCredential: the achievements (program, every level, every counted competency), the signed credentials
 * (`signed`: the program record, the competencies, and the level credentials issued), and the associations (the
 * program is the parent of each level; a level of each counted competency it requires or may count).
 */
export function clrCredential(input: ClrInput, signed: SignedCredential[]) {
  const { framework, progress, recipient } = input;
  const at = ids(input);
  const competencies = countedCompetencies(input);
  const achievements = [
    programAchievementOf(input),
    ...progress.levels.map((l) => levelAchievement(input, l)),
    ...competencies.map((c) => competencyAchievement(input, c.item, c.on, c.attested)),
  ];
  const levelIds = new Set(progress.levels.map((l) => l.levelId));
  const association = [
    ...progress.levels.map((l) => ({ sourceId: at.program, targetId: at.level(l.levelId) })),
    ...competencies.flatMap(({ item }) =>
      item.levels.filter((l) => levelIds.has(l)).map((l) => ({ sourceId: at.level(l), targetId: at.item(item.id) })),
    ),
  ].map((a) => ({ type: 'Association', associationType: 'isParentOf', ...a }));
  return {
    '@context': [VC_CONTEXT, CLR_CONTEXT, OB_CONTEXT, OB_EXTENSIONS_CONTEXT],
    id: input.id,
    type: [...CLR_TYPE],
    name: `${framework.title}: learner record of ${recipient.name}`,
    description: `${recipient.name}'s apprenticeship in ${framework.title} with ${input.sponsor.name}, as of ${progress.asOf}.`,
    issuer: at.issuer,
    validFrom: input.issuedAt,
    credentialSubject: {
      id: recipient.id,
      type: ['ClrSubject'],
      // The email hash only: the name is in the record's name, and each credential inside names the apprentice.
      identifier: identifiers(recipient).filter((i) => i.identityType === 'emailAddress'),
      achievement: achievements,
      verifiableCredential: signed,
      association,
    },
    credentialSchema: [{ id: CLR_SCHEMA_ID, type: '1EdTechJsonSchemaValidator2019' }],
  };
}
export type ClrCredential = ReturnType<typeof clrCredential>;
