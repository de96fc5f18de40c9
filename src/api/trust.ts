/**
 * The certificates an HTTPS request trusts, as VS Code trusts them for its own requests: Node's
 * bundled roots, the OS's store when `http.systemCertificates` is on (a company proxy that
 * inspects TLS signs with a root that IT puts there), and the file NODE_EXTRA_CA_CERTS names.
 * The bundled undici does not go through VS Code's patched `https`, so the list is built here,
 * once, on the first HTTPS request (never at activation).
 *
 * On Windows the OS store needs a native module; there VS Code's extension host adds it to
 * every `tls.connect` that brings no `ca` of its own, so none is passed (Node adds
 * NODE_EXTRA_CA_CERTS to its default store itself).
 */
import type { SecureContext } from 'node:tls';

export interface TrustSource {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  readFile(path: string): Promise<string>;
  /** stdout of a command (macOS `security`), or a rejection. */
  run(command: string, args: string[]): Promise<string>;
}

/** Where Linux distributions keep the OS's bundle (the same list VS Code reads). */
export const LINUX_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/ssl/certs/ca-bundle.crt', '/etc/ssl/ca-bundle.pem', '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem'];

/**
 * The PEM certificates to add to Node's roots, or undefined when nothing needs adding (Windows
 * with the OS store: the extension host adds it).
 */
export async function extraCertificates(systemCertificates: boolean, src: TrustSource): Promise<string[] | undefined> {
  const out: string[] = [];
  if (systemCertificates) {
    if (src.platform === 'win32') return undefined;
    out.push(...(await systemStore(src)));
  }
  const extra = src.env.NODE_EXTRA_CA_CERTS?.trim();
  if (extra) out.push(...splitPem(await src.readFile(extra).catch(() => '')));
  return out;
}

async function systemStore(src: TrustSource): Promise<string[]> {
  if (src.platform === 'darwin') {
    return splitPem(await src.run('/usr/bin/security', ['find-certificate', '-a', '-p']).catch(() => ''));
  }
  for (const path of LINUX_BUNDLES) {
    const text = await src.readFile(path).catch(() => undefined);
    if (text !== undefined) return splitPem(text);
  }
  return [];
}

export function splitPem(text: string): string[] {
  return [...new Set(text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [])];
}

const contexts = new Map<boolean, Promise<SecureContext | undefined>>();

/** The shared TLS context of HTTPS requests (built on first use), or undefined to use Node's default. */
export function secureContext(systemCertificates: boolean): Promise<SecureContext | undefined> {
  let context = contexts.get(systemCertificates);
  if (!context) contexts.set(systemCertificates, (context = buildContext(systemCertificates)));
  return context;
}

async function buildContext(systemCertificates: boolean): Promise<SecureContext | undefined> {
  const tls = await import('node:tls');
  const { readFile } = await import('node:fs/promises');
  const { execFile } = await import('node:child_process');
  const extra = await extraCertificates(systemCertificates, {
    platform: process.platform,
    env: process.env,
    readFile: (p) => readFile(p, 'utf8'),
    run: (command, args) => new Promise((resolve, reject) => execFile(command, args, { maxBuffer: 32 * 1024 * 1024, timeout: 10_000 }, (err, stdout) => (err ? reject(err) : resolve(stdout)))),
  });
  if (!extra || extra.length === 0) return undefined;
  return tls.createSecureContext({ ca: [...tls.rootCertificates, ...extra] });
}
