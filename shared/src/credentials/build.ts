// An Open Badges 3.0 OpenBadgeCredential for one completed level, built from what the engine computed (the level's
// progress and the entries that count, engine/counted.ts): no rule about what counts is decided here. Pure: the
// caller supplies the id, the time, the hashed email and the URLs.
import type { CheckedRecord } from '../engine/counted';
import { HOURS_CATEGORY_LABEL } from '../engine/rules';
import type { Framework, Item, Level, SourceRef } from '../model/framework';
import type { LevelProgress } from '../model/progress';
import type { StatusEntry } from './status-list';
import {
  APPRENTICESHIP_CERTIFICATE,
  CREDENTIAL_TYPE,
  issuerUrls,
  OB_CONTEXT,
  OB_EXTENSIONS_CONTEXT,
  OB_SCHEMA_ID,
  OB_SCHEMA_TYPE,
  VC_CONTEXT,
} from './vocabulary';

export interface Profile {
  id: string;
  type: ['Profile'];
  name: string;
}
export interface Alignment {
  type: ['Alignment'];
  targetName: string;
  targetCode: string;
  targetFramework: string;
  targetType: 'ceasn:Competency';
  targetUrl: string;
}
export interface Evidence {
  type: ['Evidence'];
  name: string;
  description: string;
}
export interface IdentityObject {
  type: 'IdentityObject';
  identityHash: string;
  identityType: 'emailAddress' | 'name';
  hashed: boolean;
  salt?: string;
}
export interface Achievement {
  id: string;
  type: ['Achievement'];
  achievementType: typeof APPRENTICESHIP_CERTIFICATE;
  name: string;
  description: string;
  humanCode: string;
  version: string;
  criteria: { narrative: string };
  alignment: Alignment[];
  creator: Profile;
}
export interface OpenBadgeCredential {
  '@context': string[];
  id: string;
  type: string[];
  name: string;
  description: string;
  issuer: Profile;
  validFrom: string;
  credentialSubject: {
    id: string;
    type: ['AchievementSubject'];
    identifier: IdentityObject[];
    activityStartDate: string;
    achievement: Achievement;
  };
  evidence: Evidence[];
  credentialStatus: StatusEntry;
  credentialSchema: { id: string; type: typeof OB_SCHEMA_TYPE }[];
}

export interface LevelCredentialInput {
  /** The credential's id (a URI, e.g. urn:uuid:…); also the JWT's jti. */
  id: string;
  /** The function's public URL: the issuer profile, its key set and its revocation list live under it. */
  baseUrl: string;
  sponsor: { id: string; name: string };
  framework: Framework;
  level: LevelProgress;
  /** The entries that count (engine countedEntries): the level's signed items become the alignments. */
  counted: Pick<CheckedRecord, 'signOffs'>;
  /** `id`: a URI naming the apprentice without revealing them (the JWT's sub); `emailHash`: "sha256$<hex>". */
  recipient: { id: string; name: string; startDate: string; emailHash: string; salt: string };
  /** ISO date-time of issue. */
  issuedAt: string;
  /** The credential's bit in the sponsor's revocation list (status-list.ts statusEntry). */
  status: StatusEntry;
}

const citation = (doc: string | undefined, ref: SourceRef | undefined): string | undefined =>
  ref ? `${ref.document}, lines ${ref.lines[0]}-${ref.lines[1]}` : doc;

/** What the level requires, in words, with the document it came from. */
export function requirementsNarrative(framework: Framework, level: Level, progress: LevelProgress): string {
  const parts = [`${progress.items.required} core item(s) signed off and confirmed by a coach`];
  for (const h of progress.hours) parts.push(`${h.required} h of ${HOURS_CATEGORY_LABEL[h.category]}`);
  for (const e of level.requirements.exams) parts.push(`exam passed: ${e.title}`);
  for (const c of level.requirements.certifications) parts.push(`certification held: ${c.title}`);
  if (framework.program.levelsCumulative) parts.push('every earlier level of the framework complete');
  const source = citation(framework.sourceDocument, level.source);
  return [
    `${level.title} of ${framework.title} (framework ${framework.id}, version ${framework.version}).`,
    `Requirements: ${parts.join('; ')}.`,
    source ? `Source: ${source}.` : '',
    'Only entries confirmed by a coach or recorded by a sponsor admin count.',
  ]
    .filter(Boolean)
    .join(' ');
}

const itemName = (item: Item): string =>
  item.texts.competency ?? item.texts.statement ?? item.texts.do ?? item.texts.exit ?? item.texts.know ?? item.id;

function alignments(input: LevelCredentialInput, issuer: string): Alignment[] {
  const { framework, level, counted } = input;
  const signed = new Set(counted.signOffs.map((s) => s.itemId));
  const items = framework.workFunctions.flatMap((wf) => wf.items);
  const base = `${issuer}/frameworks/${encodeURIComponent(framework.id)}/${encodeURIComponent(framework.version)}`;
  return items
    .filter((i) => i.levels.includes(level.levelId) && signed.has(i.id))
    .map((i) => ({
      type: ['Alignment'],
      targetName: itemName(i),
      targetCode: i.id,
      targetFramework: `${framework.title} ${framework.version}`,
      targetType: 'ceasn:Competency',
      targetUrl: `${base}#${encodeURIComponent(i.id)}`,
    }));
}

/** The evidence counts: what the engine counted towards the level. */
export function evidenceCounts(level: LevelProgress): Evidence[] {
  const e = (name: string, description: string): Evidence => ({ type: ['Evidence'], name, description });
  const out = [
    e(
      'Confirmed sign-offs',
      `${level.items.done} of ${level.items.required} required item(s) signed off and confirmed` +
        (level.items.optionalSigned ? `, plus ${level.items.optionalSigned} optional item(s)` : ''),
    ),
    ...level.hours.map((h) =>
      e(
        `Hours: ${HOURS_CATEGORY_LABEL[h.category]}`,
        `${h.done} of ${h.required} h confirmed${h.priorCredit ? ` (${h.priorCredit} h approved prior credit)` : ''}`,
      ),
    ),
  ];
  if (level.exams.required) out.push(e('Exams', `${level.exams.done} of ${level.exams.required} passed`));
  if (level.certifications.required)
    out.push(e('Certifications', `${level.certifications.done} of ${level.certifications.required} held`));
  return out;
}

/**
 * Whether a level earns a credential: complete (the engine's word) and requiring something. A level whose work
 * functions are all left out of the program requires nothing and is "complete" without a single entry.
 */
export function earnsCredential(level: LevelProgress): boolean {
  const required = [level.items, ...level.hours, level.exams, level.certifications].some((t) => t.required > 0);
  return level.complete && required;
}

export function levelCredential(input: LevelCredentialInput): OpenBadgeCredential {
  const { framework, level, sponsor, recipient } = input;
  const urls = issuerUrls(input.baseUrl, sponsor.id);
  const definition = framework.levels.find((l) => l.id === level.levelId);
  if (!definition) throw new Error(`${level.levelId} is not a level of ${framework.id}`);
  if (!earnsCredential(level))
    throw new Error(`${level.levelId} of ${framework.id} is not complete, or requires nothing`);
  const issuer: Profile = { id: urls.issuer, type: ['Profile'], name: sponsor.name };
  const name = `${framework.title}: ${level.title}`;
  return {
    '@context': [VC_CONTEXT, OB_CONTEXT, OB_EXTENSIONS_CONTEXT],
    id: input.id,
    type: [...CREDENTIAL_TYPE],
    name,
    description: `${recipient.name} completed ${level.title} of ${framework.title} with ${sponsor.name}.`,
    issuer,
    validFrom: input.issuedAt,
    credentialSubject: {
      id: recipient.id,
      type: ['AchievementSubject'],
      identifier: [
        {
          type: 'IdentityObject',
          identityHash: recipient.emailHash,
          identityType: 'emailAddress',
          hashed: true,
          salt: recipient.salt,
        },
        { type: 'IdentityObject', identityHash: recipient.name, identityType: 'name', hashed: false },
      ],
      activityStartDate: `${recipient.startDate}T00:00:00Z`,
      achievement: {
        id: `${urls.achievements}/${[framework.id, framework.version, level.levelId].map(encodeURIComponent).join('/')}`,
        type: ['Achievement'],
        achievementType: APPRENTICESHIP_CERTIFICATE,
        name,
        description: definition.description ?? `${level.title} of the ${framework.title} apprenticeship framework.`,
        humanCode: `${framework.id} ${level.levelId}`,
        version: framework.version,
        criteria: { narrative: requirementsNarrative(framework, definition, level) },
        alignment: alignments(input, urls.issuer),
        creator: issuer,
      },
    },
    evidence: evidenceCounts(level),
    credentialStatus: input.status,
    credentialSchema: [{ id: OB_SCHEMA_ID, type: OB_SCHEMA_TYPE }],
  };
}
