// The framework model: one schema that every source document fits without loss.
// Items, hours and certifications carry a `source` so each fact traces back to its document lines.
import * as z from 'zod';
import { ID_PATTERN, ID_RULE } from './ids';
import { MAX_ID_LENGTH } from './limits';

export const Id = z.string().max(MAX_ID_LENGTH).regex(ID_PATTERN, ID_RULE);

export const SourceRef = z
  .object({
    document: z.string().min(1),
    lines: z.tuple([z.number().int().positive(), z.number().int().positive()]),
  })
  .strict();
export type SourceRef = z.infer<typeof SourceRef>;

export const HoursCategory = z.enum(['related-instruction', 'on-the-job-learning', 'work-experience']);
export type HoursCategory = z.infer<typeof HoursCategory>;

export const HoursRequirement = z
  .object({
    category: HoursCategory,
    hours: z.number().nonnegative(),
    note: z.string().optional(),
    source: SourceRef.optional(),
  })
  .strict();
export type HoursRequirement = z.infer<typeof HoursRequirement>;

export const NamedRequirement = z
  .object({
    id: Id,
    title: z.string().min(1),
    source: SourceRef.optional(),
  })
  .strict();
export type NamedRequirement = z.infer<typeof NamedRequirement>;

export const Course = z
  .object({
    title: z.string().min(1),
    kind: z.enum(['recommended', 'optional']),
    note: z.string().optional(),
    source: SourceRef.optional(),
  })
  .strict();

export const LevelRequirements = z
  .object({
    hours: z.array(HoursRequirement).default([]),
    exams: z.array(NamedRequirement).default([]),
    certifications: z.array(NamedRequirement).default([]),
    courses: z.array(Course).default([]),
    /** Item count the document states for the level (NITAS Table 1); checked against the core items. */
    statedItemCount: z.number().int().nonnegative().optional(),
  })
  .strict();
export type LevelRequirements = z.infer<typeof LevelRequirements>;

export const Level = z
  .object({
    id: Id,
    title: z.string().min(1),
    description: z.string().optional(),
    requirements: LevelRequirements,
    source: SourceRef.optional(),
  })
  .strict();
export type Level = z.infer<typeof Level>;

export const ItemTexts = z
  .object({
    competency: z.string().min(1).optional(),
    do: z.string().min(1).optional(),
    know: z.string().min(1).optional(),
    exit: z.string().min(1).optional(),
    statement: z.string().min(1).optional(),
  })
  .strict()
  .refine((t) => Object.keys(t).length > 0, 'an item needs at least one text');
export type ItemTexts = z.infer<typeof ItemTexts>;

export const CoreOrOptional = z.enum(['core', 'optional']);
export type CoreOrOptional = z.infer<typeof CoreOrOptional>;

export const Item = z
  .object({
    id: Id,
    /** Levels whose completion needs (core) or may count (optional) this item. */
    levels: z.array(Id).min(1),
    texts: ItemTexts,
    core: CoreOrOptional,
    proficiency: z.enum(['Basic', 'Intermediate', 'Advanced']).optional(),
    /** Item ids the text refers to, e.g. "May be conducted with qual card items ND1.4.5". */
    crossReferences: z.array(z.string()).default([]),
    /** Set on items a sponsor added; absent on items from the source documents. */
    addedBy: z.string().optional(),
    source: SourceRef.optional(),
  })
  .strict();
export type Item = z.infer<typeof Item>;

export const RelatedInstruction = z
  .object({
    scope: z.string().optional(),
    skills: z.array(z.string()).default([]),
    knowledge: z.array(z.string()).default([]),
    tools: z.array(z.string()).default([]),
  })
  .strict();

export const WorkFunction = z
  .object({
    id: Id,
    title: z.string().min(1),
    /** Whether the document marks the whole work function core or optional. */
    core: CoreOrOptional.optional(),
    proficiency: z.enum(['Basic', 'Intermediate', 'Advanced']).optional(),
    relatedInstruction: RelatedInstruction.optional(),
    items: z.array(Item),
    source: SourceRef.optional(),
  })
  .strict();
export type WorkFunction = z.infer<typeof WorkFunction>;

/** A place the document leaves blank for the sponsor to define (NITAS Level 3 work practices, Job Functions 8-10). */
export const Slot = z
  .object({
    id: Id,
    kind: z.enum(['item', 'work-function']),
    levels: z.array(Id).min(1),
    workFunctionId: Id.optional(),
    core: z.enum(['core', 'optional', 'sponsor-decides']),
    /** For a work-function slot: the item slots the document lays out inside it. */
    itemSlotIds: z.array(Id).default([]),
    source: SourceRef.optional(),
  })
  .strict();
export type Slot = z.infer<typeof Slot>;

export const RatedCompetency = z
  .object({
    group: z.string(),
    name: z.string(),
    relevance: z.number().int().min(0).max(8),
    source: SourceRef.optional(),
  })
  .strict();

export const Framework = z
  .object({
    id: Id,
    title: z.string().min(1),
    /** Names one immutable published version in the registry (and a Firestore document id, hence the id rule). */
    version: Id,
    sourceDocument: z.string().optional(),
    occupation: z
      .object({
        title: z.string().optional(),
        onetCodes: z.array(z.string()).default([]),
        rapidsCodes: z.array(z.string()).default([]),
        jobTitles: z.array(z.string()).default([]),
      })
      .strict()
      .default({ onetCodes: [], rapidsCodes: [], jobTitles: [] }),
    program: z
      .object({
        type: z.enum(['time-based', 'competency-based', 'hybrid']).optional(),
        durationMonths: z
          .object({
            minimum: z.number().positive().optional(),
            expected: z.number().positive().optional(),
            maximum: z.number().positive().optional(),
          })
          .strict()
          .optional(),
        /** NITAS levels build on each other: a level is complete only when the one before it is. */
        levelsCumulative: z.boolean().default(false),
        /** The optional work functions a program runs unless the sponsor (or an apprentice's plan) chooses otherwise. */
        optionalWorkFunctionsDefault: z.array(Id).default([]),
        certificationNote: z.string().optional(),
        source: SourceRef.optional(),
      })
      .strict()
      .default({ levelsCumulative: false, optionalWorkFunctionsDefault: [] }),
    levels: z.array(Level).min(1),
    workFunctions: z.array(WorkFunction),
    slots: z.array(Slot).default([]),
    crossCuttingCompetencies: z.array(RatedCompetency).default([]),
    notes: z.array(z.string()).default([]),
  })
  .strict()
  .superRefine((f, ctx) => {
    const levelIds = new Set(f.levels.map((l) => l.id));
    const seen = new Set<string>();
    f.workFunctions.forEach((wf, w) => {
      wf.items.forEach((item, i) => {
        const path = ['workFunctions', w, 'items', i];
        if (seen.has(item.id))
          ctx.addIssue({ code: 'custom', path: [...path, 'id'], message: `duplicate item id ${item.id}` });
        seen.add(item.id);
        item.levels.forEach((l, k) => {
          if (!levelIds.has(l))
            ctx.addIssue({ code: 'custom', path: [...path, 'levels', k], message: `unknown level ${l}` });
        });
      });
    });
    const wfIds = new Set<string>();
    f.workFunctions.forEach((wf, w) => {
      if (wfIds.has(wf.id))
        ctx.addIssue({
          code: 'custom',
          path: ['workFunctions', w, 'id'],
          message: `duplicate work function id ${wf.id}`,
        });
      wfIds.add(wf.id);
    });
    const optional = new Set(f.workFunctions.filter((wf) => wf.core === 'optional').map((wf) => wf.id));
    f.program.optionalWorkFunctionsDefault.forEach((id, k) => {
      if (!optional.has(id))
        ctx.addIssue({
          code: 'custom',
          path: ['program', 'optionalWorkFunctionsDefault', k],
          message: `"${id}" is not an optional work function (optional: ${[...optional].join(', ') || 'none'})`,
        });
    });
  });
export type Framework = z.infer<typeof Framework>;
export type FrameworkInput = z.input<typeof Framework>;
