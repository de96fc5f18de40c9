/**
 * VS Code's own proxy settings (`http.*`), read fresh per request like the extension's: the
 * user's proxy, its exceptions, credentials and certificate rules apply without a reload.
 */
import type { ProxySettings } from '../api/proxy';
import type { VSCode } from './vscode-types';

export function readProxySettings(vscode: VSCode): ProxySettings {
  const c = vscode.workspace.getConfiguration('http');
  const noProxy = c.get<unknown>('noProxy');
  return {
    proxy: String(c.get('proxy') ?? '').trim() || undefined,
    noProxy: Array.isArray(noProxy) ? noProxy.filter((h): h is string => typeof h === 'string' && h.trim() !== '') : [],
    strictSSL: c.get('proxyStrictSSL') !== false,
    authorization: String(c.get('proxyAuthorization') ?? '').trim() || undefined,
    systemCertificates: c.get('systemCertificates') !== false,
  };
}
