// Self-signed certificate for HTTPS mode, made with the system's openssl (no npm dependency).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TlsMaterial } from './types.js';

/** A certificate for 127.0.0.1 and localhost that is its own CA, so clients can trust it with `ca`. */
export function generateSelfSignedCertificate(): TlsMaterial {
  const directory = mkdtempSync(join(tmpdir(), 'whm-sim-tls-'));
  const keyPath = join(directory, 'key.pem');
  const certPath = join(directory, 'cert.pem');
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyPath,
        '-out',
        certPath,
        '-days',
        '30',
        '-subj',
        '/CN=WHM API simulator',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '-addext',
        'basicConstraints=critical,CA:TRUE',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    return { certPem: readFileSync(certPath, 'utf8'), keyPem: readFileSync(keyPath, 'utf8') };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not generate a self-signed certificate with openssl (is it installed?): ${detail}`, {
      cause: error,
    });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
