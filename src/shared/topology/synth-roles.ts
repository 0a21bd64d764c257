/**
 * The per-role markup a published topology carries besides identities and dependencies — ports and
 * role settings — as the public samples show it (ibenbouzid/SkypeforBusiness_lab_V3). The synthetic
 * topology repeats it so that its size and shape, and so its parse cost, are those of a real document.
 */
import { NS } from './raw';

function port(owner: string, usage: string, side: string, number: number, protocol: string, urlPath = '/', extra = ''): string {
  // SIP endpoints with a GRUU authorise requests; close enough to the samples for a synthetic file.
  const authorizes = extra.includes('GruuType');
  return (
    `<Port Owner="${owner}" Usage="${usage}" InterfaceSide="${side}" InterfaceNumber="1" Port="${number}" ` +
    `Protocol="${protocol}" UrlPath="${urlPath}" AuthorizesRequests="${authorizes}"${extra ? ` ${extra}` : ''} />`
  );
}

const c = (name: string) => `urn:component:${name}`;
const app = (name: string) => `urn:application:${name}`;
const MEDIA = [
  port(c('MediaComp'), 'AudioCommunication', 'Primary', 49152, 'TcpOrUdp', '/', 'Range="8348"'),
  port(c('MediaComp'), 'VideoCommunication', 'Primary', 57501, 'TcpOrUdp', '/', 'Range="8034"'),
  port(c('MediaComp'), 'AppSharingCommunication', 'Primary', 49152, 'TcpOrUdp', '/', 'Range="16383"'),
];

const PORTS: Record<string, string[]> = {
  UserServices: [
    port(c('McuFactory'), 'WebServer', 'Primary', 444, 'Mtls', '/LiveServer/McuFactory/'),
    port(c('PresenceFocus'), 'UserPinManagement', 'Primary', 443, 'Https', '/LiveServer/UserPinManagement/'),
    port(c('McuFactory'), 'WcfServer', 'Primary', 9001, 'Tcp', '/LiveServer/ConfDirMgmt/'),
  ],
  Registrar: [
    port(c('Registrar'), 'SipServer', 'Primary', 5061, 'Mtls', '/', 'GruuType="HomeServer"'),
    port(c('Registrar'), 'WebServer', 'Primary', 444, 'Mtls', '/LiveServer/Focus/'),
    ...['Federation', 'LeaseAgent', 'ClientConnection', 'IPC', 'Replication'].map((u, i) => port(c('WinFab'), `WinFab${u}`, 'Primary', 5090 + i, 'Tcp')),
    port(c('QoE'), 'SipServer', 'Primary', 5061, 'Mtls', '/LiveServer/QoE/', 'GruuType="QoS"'),
    port(c('Lyss'), 'WcfMtls', 'Primary', 5077, 'Mtls'),
    port(c('XmppFederation'), 'SipServer', 'Primary', 5098, 'Mtls', '/', 'GruuType="XmppFederation"'),
  ],
  WebServices: [
    port(c('OCSWebSite'), 'WebSite', 'External', 8080, 'Http', '/', 'ConfiguredPort="80"'),
    port(c('OCSWebSite'), 'WebSite', 'External', 4443, 'Https', '/', 'ConfiguredPort="443"'),
    port(c('OCSWebSite'), 'WebSite', 'Primary', 80, 'Http'),
    port(c('OCSWebSite'), 'WebSite', 'Primary', 443, 'Https'),
    port(c('Reach'), 'PsomServer', 'Primary', 8060, 'Mtls'),
    port(c('Reach'), 'PsomServer', 'External', 8061, 'Mtls'),
    MEDIA[2]!,
    port(c('McxService'), 'SipServer', 'Primary', 5086, 'Mtls', '/', 'GruuType="McxInternal"'),
    port(c('McxServiceExternal'), 'SipServer', 'Primary', 5087, 'Mtls', '/', 'GruuType="McxExternal"'),
    port(c('UcwaService'), 'SipServer', 'Primary', 5088, 'Mtls', '/', 'GruuType="UcwaInternal"'),
    port(c('UcwaServiceExternal'), 'SipServer', 'Primary', 5089, 'Mtls', '/', 'GruuType="UcwaExternal"'),
  ],
  ConfServices: [
    port(c('IMConf'), 'SipServer', 'Primary', 5062, 'Mtls', '/', 'GruuType="chat"'),
    port(c('IMConf'), 'WebServer', 'Primary', 444, 'Mtls', '/LiveServer/IMMcu/'),
    port(c('DataConf'), 'PsomClient', 'Primary', 8057, 'Tls'),
    port(c('AVConf'), 'SipServer', 'Primary', 5063, 'Mtls', '/', 'GruuType="audio-video"'),
    port(c('AppSharingConf'), 'SipServer', 'Primary', 5065, 'Mtls', '/', 'GruuType="applicationsharing"'),
    port(c('DataConf'), 'WebServer', 'Primary', 444, 'Mtls', '/LiveServer/DataMcu/'),
    port(c('AVConf'), 'WebServer', 'Primary', 444, 'Mtls', '/LiveServer/AVMcu/'),
    port(c('AppSharingConf'), 'WebServer', 'Primary', 444, 'Mtls', '/LiveServer/ASMcu/'),
    ...MEDIA,
  ],
  MediationServer: [
    port(c('Mediation'), 'SipServer', 'Primary', 5070, 'Mtls', '/', 'GruuType="MediationServer"'),
    port(c('Mediation'), 'SipClient', 'Pstn', 5067, 'Tls'),
    MEDIA[0]!,
    port(c('Mediation'), 'SipClient', 'Pstn', 5068, 'Tcp'),
  ],
  ApplicationServer: [
    port(app('testbot'), 'SipServer', 'Primary', 5076, 'Mtls', '/', 'GruuType="Microsoft.Rtc.Applications.TestBot"'),
    port(app('Cps'), 'SipServer', 'Primary', 5075, 'Mtls', '/', 'GruuType="Microsoft.Rtc.Applications.Cps"'),
    port(app('RGS'), 'SipServer', 'Primary', 5071, 'Mtls', '/', 'GruuType="Microsoft.Rtc.Applications.Acd"'),
    port(app('RGS'), 'WcfMtls', 'Primary', 8404, 'Mtls'),
    ...MEDIA,
    port(app('Cas'), 'SipServer', 'Primary', 5073, 'Mtls', '/', 'GruuType="Microsoft.Rtc.Applications.Cas"'),
    port(app('Caa'), 'SipServer', 'Primary', 5072, 'Mtls', '/', 'GruuType="Microsoft.Rtc.Applications.Caa"'),
  ],
  EdgeServer: [
    port(c('AccessEdge'), 'SipServer', 'Internal', 5061, 'Mtls'),
    port(c('AccessEdge'), 'SipClient', 'External', 5061, 'Tls', '/', 'ConfiguredFqdn="sip.contoso.com"'),
    port(c('DataEdge'), 'PsomServer', 'Internal', 8057, 'Mtls'),
    port(c('DataEdge'), 'PsomClient', 'External', 444, 'Tls', '/', 'ConfiguredFqdn="sip.contoso.com"'),
    port(c('MediaRelayAuthenticationEdge'), 'SipServer', 'Internal', 5062, 'Mtls', '/', 'GruuType="MRAS"'),
    port(c('MediaRelayEdge'), 'TURNServer', 'Internal', 443, 'Tcp'),
    port(c('MediaRelayEdge'), 'TURNServer', 'External', 442, 'Tcp', '/', 'ConfiguredFqdn="sip.contoso.com"'),
    port(c('MediaRelayEdge'), 'TURNServer', 'Internal', 3478, 'Udp'),
    port(c('MediaRelayEdge'), 'TURNServer', 'External', 3478, 'Udp', '/', 'ConfiguredFqdn="sip.contoso.com"'),
    port(c('MediaRelayEdge'), 'MediaCommunication', 'External', 50000, 'TcpOrUdp', '/', 'Range="10000" ConfiguredFqdn="sip.contoso.com"'),
    port(c('AccessEdge'), 'SipServer', 'External', 5061, 'Mtls', '/', 'ConfiguredFqdn="sip.contoso.com"'),
  ],
  ManagementServices: [port(c('ReplicationService'), 'Replication', 'Internal', 4443, 'Https')],
};

const WEB_COMPONENTS = [
  'ABHandler', 'ABFiles', 'AutodiscoverService', 'CAHandler', 'CAHandlerAnon', 'CollabContent', 'Cscp', 'DataCollabWeb',
  'DeviceUpdateDownload', 'DeviceUpdateStore', 'Dialin', 'DLExpansion', 'LIService', 'Lwa', 'McxService', 'Meet',
  'OnlineAuth', 'PowerShell', 'Reach', 'RgsAgentService', 'StoreWeb', 'UcwaService', 'WebScheduler', 'WebTicket',
];

/** The `<Ports>` element and role settings of a service, indented for its `<Service>`. */
export function roleBody(role: string, poolFqdn: string, isDirector: boolean): string[] {
  const ports = PORTS[role];
  const lines = ports
    ? [`      <Ports xmlns="${NS.serviceRoles}">`, ...ports.map((p) => `        ${p}`), '      </Ports>']
    : [`      <Ports xmlns="${NS.serviceRoles}" />`];
  const settings = ROLE_SETTINGS[role];
  return settings ? [...lines, ...settings(poolFqdn, isDirector)] : lines;
}

const ROLE_SETTINGS: Record<string, (poolFqdn: string, isDirector: boolean) => string[]> = {
  Registrar: (_, isDirector) => [`      <RegistrarService xmlns="${NS.serviceRoles}" IsDirector="${isDirector}" />`],
  CentralMgmt: () => [`      <CentralMgmtService xmlns="${NS.serviceRoles}" IsActive="true" />`],
  FileStore: () => [`      <FileStoreService xmlns="${NS.serviceRoles}" ShareName="share" />`],
  WebServices: (poolFqdn) => [
    `      <WebService xmlns="${NS.serviceRoles}">`,
    `        <ExternalSettings Host="${poolFqdn}">`,
    '          <OverrideUrls />',
    '        </ExternalSettings>',
    '        <WebComponents xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.WebServices.2011">',
    ...WEB_COMPONENTS.map((name) => `          <Component ComponentName="${name}" />`),
    '        </WebComponents>',
    '        <UpaSeparator xmlns="urn:schema:Microsoft.Rtc.Management.BaseTypes.2008" />',
    '      </WebService>',
  ],
  ConfServices: () => [
    `      <ConfService xmlns="${NS.serviceRoles}">`,
    '        <MCUs>',
    ...['IMConf', 'DataConf', 'AppSharingConf', 'AVConf'].map((name) => `          <MCU ComponentName="${name}" Vendor="Microsoft" />`),
    '        </MCUs>',
    '      </ConfService>',
  ],
};

/** The `<NetInterface>` lines of a machine in a cluster of the given kind. */
export function netInterfaces(kind: 'frontEnd' | 'edge' | 'other'): string[] {
  const sides = kind === 'frontEnd' ? ['Primary', 'External', 'Pstn'] : kind === 'edge' ? ['Internal', 'External'] : [];
  return sides.map((side) => `        <NetInterface InterfaceSide="${side}" InterfaceNumber="1" IPAddress="0.0.0.0" />`);
}
