// The app runs in the browser: the session token lives there, and the board is live over a socket.
export const ssr = false;
export const prerender = false;
