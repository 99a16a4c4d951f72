/** The family name the definitions use; the engine registers the Tinos files under it. */
export const FONT_FAMILY = 'Tinos';
