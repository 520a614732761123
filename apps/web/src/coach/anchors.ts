/** Ids of the Coach page's cards that other parts of the page link to (kept apart: the chat widget imports them). */
export const COACH_MEMORY_ANCHOR = 'what-your-coach-knows';
