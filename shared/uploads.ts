/** An upload's ID: 16 random bytes, base64url. Nothing else names a file the web host received. */
export const UPLOAD_ID = /^[A-Za-z0-9_-]{22}$/;
