/**
 * The largest JSON body any route accepts, in bytes. The largest real body is one variant at its
 * limit (CONTENT_LIMITS in libs/content: 10,000 nodes, 200,000 characters), well under this.
 * Book uploads are not JSON and have their own limit (IMPORT_MAX_BYTES).
 */
export const JSON_BODY_LIMIT = 2 * 1024 * 1024;
