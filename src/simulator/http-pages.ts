// Non-JSON bodies the simulator sends: auth failures and the pages a proxy or wrong port gives.

export const LOGIN_PAGE = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>WHM Login</title></head>
<body>
<div id="login-wrapper">
  <h1>WHM</h1>
  <p class="login-status">Access denied: log in to continue.</p>
  <form action="/login/?login_only=1" method="post">
    <label>Username <input name="user" type="text"></label>
    <label>Password <input name="pass" type="password"></label>
    <button type="submit">Log in</button>
  </form>
</div>
</body>
</html>
`;

export const LEGACY_ACCESS_DENIED = JSON.stringify({
  cpanelresult: { apiversion: 2, error: 'Access denied', data: { reason: 'Access denied', result: '0' }, type: 'text' },
});

export const CPANEL_TOKEN_REFUSED = 'Token authentication allows access to UAPI or API 2 calls only.';

/** What a reverse proxy or a web server on the wrong port answers with status 200. */
export const PROXY_PAGE = `<!DOCTYPE html>
<html>
<head><title>Welcome</title></head>
<body><h1>It works!</h1><p>This is the default page of a web server, not WHM.</p></body>
</html>
`;

export function statusPage(status: number): string {
  return `<!DOCTYPE html>\n<html><head><title>${status}</title></head><body><h1>${status}</h1><p>The server could not handle the request.</p></body></html>\n`;
}

export const NOT_FOUND_PAGE = statusPage(404);
