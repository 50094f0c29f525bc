// A person's role in a sponsor. One role per sponsor; consultants may hold one in several sponsors.
import * as z from 'zod';

export const Role = z.enum(['admin', 'coach', 'consultant', 'apprentice']);
export type Role = z.infer<typeof Role>;

/** Everyone with a role in the sponsor. */
export const MEMBERS = ['admin', 'coach', 'consultant', 'apprentice'] as const satisfies readonly Role[];
