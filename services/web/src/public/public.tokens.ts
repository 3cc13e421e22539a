export const PUBLIC_API = Symbol('PUBLIC_API');
export const FORM_PROTECTION = Symbol('FORM_PROTECTION');
export const OFFICER_LINKS = Symbol('OFFICER_LINKS');
export const PDF_RENDERER = Symbol('PDF_RENDERER');
