// Trygghet in production: everything the Teams bot needs in one resource group.
//
//   Log Analytics + Application Insights   where logs and telemetry go
//   User-assigned managed identity         the bot's identity: it IS the bot's Microsoft App ID (no secret
//                                          anywhere) and it is what the app uses to reach Table Storage
//   Storage account (Table Storage)        sessions, audit log, timers, roles; Entra ID access only
//   App Service plan + Web App (Linux)     runs `python app.py` (aiohttp + botbuilder + the timer sweeper)
//   Azure Bot + Teams channel              connects Teams to https://<web app>/api/messages
//
// Deploy with `az deployment group create` (see infra/README.md). Scope: a resource group.

targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------------------

@description('Azure region for everything except the Azure Bot registration (which is global).')
param location string = 'swedencentral'

@description('Short name used in every resource name, e.g. "trygghet" or "trygghet-test". Lowercase letters, digits, hyphens.')
@minLength(2)
@maxLength(11)
param namePrefix string

@description('Entra ID tenant of the bot identity (MicrosoftAppTenantId). Defaults to the deploying tenant.')
param tenantId string = tenant().tenantId

@description('Entra ID object ids of the first Trygghet administrators (TRYGGHET_ADMINS). More can be granted in the bot.')
@minLength(1)
param admins array

@description('Tenants whose users may use the bot (TRYGGHET_ALLOWED_TENANTS). Defaults to the bot tenant only.')
param allowedTenants array = [
  tenantId
]

@description('App Service instances. Two or more: one instance is one point of failure for a safety service. Several instances share the timers safely (ETag-conditional claims; see infra/README.md, Scaling).')
@minValue(2)
@maxValue(10)
param instances int = 2

@description('Spread the instances over the region\'s availability zones (Premium v3 in a region with zones, such as swedencentral; then at least 2 instances). Set false for B1/S1, which cannot.')
param zoneRedundant bool = true

@description('E-mail address the alerts go to (the safety centre\'s or IT\'s on-call mailbox).')
param alertEmail string

@description('Optional phone number (digits only, without the country code) for alert SMS, e.g. 701234567.')
param alertSmsNumber string = ''

@description('Country code for alertSmsNumber.')
param alertSmsCountryCode string = '46'

@description('Optional TRYGGHET_OPERATOR_CHANNEL: the safety centre\'s channel as <teamId>|<channelId>|<serviceUrl>[|<tenantId>]. Overrides "koppla kanal" at every start; leave empty to bind in Teams.')
param operatorChannel string = ''

@description('App Service plan SKU. Basic or higher is needed for Always On; P0v3 is the smallest production tier.')
@allowed([
  'B1'
  'B2'
  'S1'
  'P0v3'
  'P1v3'
])
param appServiceSku string = 'P0v3'

@description('Storage redundancy. GZRS: three copies in different zones of the region, plus an asynchronous copy in the paired region (Sweden South for swedencentral).')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_GZRS'

@description('Azure Bot pricing tier. Teams is a standard channel: F0 has no message limit for it.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Name shown for the bot registration in the Azure portal (Teams shows the name from the app manifest).')
param botDisplayName string = 'Trygghet'

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 90

@description('Tags put on every resource.')
param tags object = {
  application: 'trygghet'
}

// ---------------------------------------------------------------------------------------------------------
// Names. Web app, bot and storage names are global, so they get a suffix derived from the resource group.
// ---------------------------------------------------------------------------------------------------------

var suffix = uniqueString(resourceGroup().id, namePrefix)
var compactPrefix = replace(toLower(namePrefix), '-', '')
var names = {
  workspace: '${namePrefix}-logs'
  appInsights: '${namePrefix}-insights'
  identity: '${namePrefix}-identity'
  storage: take('${compactPrefix}${suffix}', 24)
  plan: '${namePrefix}-plan'
  webApp: '${namePrefix}-${suffix}'
  bot: '${namePrefix}-bot-${suffix}'
}

// Built-in role "Storage Table Data Contributor": read, write and delete tables and entities.
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

// The port app.py listens on (PORT) and the one App Service forwards to (WEBSITES_PORT).
var appPort = '8000'

// ---------------------------------------------------------------------------------------------------------
// Monitoring
// ---------------------------------------------------------------------------------------------------------

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: names.workspace
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
    features: {
      // Readers of a resource's logs need rights on that resource, not on the whole workspace.
      enableLogAccessUsingOnlyResourcePermissions: true
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: names.appInsights
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
  }
}

// ---------------------------------------------------------------------------------------------------------
// Identity: one user-assigned managed identity, used as the bot's app id and for Table Storage
// ---------------------------------------------------------------------------------------------------------

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.identity
  location: location
  tags: tags
}

// ---------------------------------------------------------------------------------------------------------
// Storage: Table Storage only, reached with Entra ID tokens (shared keys and SAS are switched off)
// ---------------------------------------------------------------------------------------------------------

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  // checkov:skip=CKV_AZURE_35: No VNet in this design; access needs an Entra ID token with a data role (no keys, no SAS). See README, Security findings.
  // checkov:skip=CKV_AZURE_59: Same as CKV_AZURE_35: the web app reaches storage over the public endpoint; Entra ID is the gate.
  // checkov:skip=CKV_AZURE_43: False positive: the name is an expression (lowercase letters and digits, at most 24) that checkov cannot evaluate.
  name: names.storage
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: storageSku
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false // no account keys, no SAS: only the identity's role assignment grants access
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // Reachable from the public internet (the web app has no VNet), but every request needs an Entra ID
    // token with a data role; see infra/README.md for locking it to a VNet.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
    encryption: {
      keySource: 'Microsoft.Storage'
      requireInfrastructureEncryption: true // a second layer of encryption at rest; cannot be changed later
      services: {
        table: {
          enabled: true
          keyType: 'Account'
        }
        queue: {
          enabled: true
          keyType: 'Account'
        }
        blob: {
          enabled: true
          keyType: 'Account'
        }
        file: {
          enabled: true
          keyType: 'Account'
        }
      }
    }
  }
}

// The app creates its tables at start-up (TableStore.ensure_tables) and then reads and writes entities:
// "Storage Table Data Contributor" on this account is exactly that, and nothing on other accounts.
resource tableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    description: 'Trygghet bot: sessions, timers and audit log in Table Storage'
  }
}

// Storage metrics (request counts, errors, latency) only. Resource logs are deliberately not collected: they
// record every request URL, whose partition keys are users' Entra ID object ids.
resource storageDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: storage
  properties: {
    workspaceId: workspace.id
    metrics: [
      {
        category: 'Transaction'
        enabled: true
      }
    ]
  }
}

// ---------------------------------------------------------------------------------------------------------
// App Service: one Linux instance running `python app.py`
// ---------------------------------------------------------------------------------------------------------

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: names.plan
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instances // the timer sweepers of several instances share the work (infra/README.md, Scaling)
  }
  properties: {
    reserved: true // Linux
    zoneRedundant: zoneRedundant // instances in different zones: one zone's outage leaves the service up
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  // checkov:skip=CKV_AZURE_222: The Bot Connector service calls /api/messages from the internet; requests are authenticated by Bot Framework JWTs.
  // checkov:skip=CKV_AZURE_17: The Bot Connector service presents no client certificate; it authenticates with a signed JWT the app validates.
  // checkov:skip=CKV_AZURE_212: The instance count is set on the plan (parameter instances, default 2), not on the site. See README, Scaling.
  name: names.webApp
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    publicNetworkAccess: 'Enabled' // the Bot Connector service must reach /api/messages
    siteConfig: {
      linuxFxVersion: 'PYTHON|3.11'
      appCommandLine: 'python app.py'
      alwaysOn: true // the sweeper must run even when nobody writes to the bot
      healthCheckPath: '/healthz/ready' // readiness: storage, scheduler, operators' channel, calls to Teams
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      remoteDebuggingEnabled: false
      webSocketsEnabled: false
      httpLoggingEnabled: true
      detailedErrorLoggingEnabled: true
      requestTracingEnabled: true
      appSettings: [
        // Where app.py listens, and where App Service sends the traffic
        {
          name: 'PORT'
          value: appPort
        }
        {
          name: 'WEBSITES_PORT'
          value: appPort
        }
        // Install the dependencies on deployment (Oryx build from the uploaded source)
        {
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'true'
        }
        // Table Storage through the managed identity (DefaultAzureCredential reads AZURE_CLIENT_ID)
        {
          name: 'TRYGGHET_STORAGE_URL'
          value: 'https://${storage.name}.table.${environment().suffixes.storage}'
        }
        {
          name: 'AZURE_CLIENT_ID'
          value: identity.properties.clientId
        }
        // Bot Framework authentication with the same identity: no app password exists
        {
          name: 'MicrosoftAppType'
          value: 'UserAssignedMSI'
        }
        {
          name: 'MicrosoftAppId'
          value: identity.properties.clientId
        }
        {
          name: 'MicrosoftAppTenantId'
          value: tenantId
        }
        // Who is an administrator from the start, which tenants may use the bot, the operators' channel
        {
          name: 'TRYGGHET_ADMINS'
          value: join(admins, ',')
        }
        {
          name: 'TRYGGHET_ALLOWED_TENANTS'
          value: join(allowedTenants, ',')
        }
        {
          name: 'TRYGGHET_OPERATOR_CHANNEL'
          value: operatorChannel
        }
        // Teams allows about 50 calls a second per app and tenant, and each instance paces itself: share it out
        {
          name: 'TRYGGHET_PACE_APP'
          value: string(50 / instances)
        }
        // Telemetry: traces and metrics to Application Insights (bot/telemetry.py), logs as JSON lines
        {
          name: 'TRYGGHET_LOG_FORMAT'
          value: 'json'
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
      ]
    }
  }
  // The app creates its tables at start-up: give it the data role first.
  dependsOn: [
    tableDataContributor
  ]
}

// No FTP or basic-auth deployments: deploy with Entra ID (`az webapp deploy`), see infra/README.md.
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: webApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: webApp
  name: 'scm'
  properties: {
    allow: false
  }
}

// Console output (the app's log lines), HTTP access logs and platform events go to Log Analytics.
resource webAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: webApp
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
      {
        category: 'AppServiceAuditLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

// ---------------------------------------------------------------------------------------------------------
// Azure Bot: the registration Teams talks to, authenticated as the managed identity
// ---------------------------------------------------------------------------------------------------------

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: names.bot
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: tenantId
    publicNetworkAccess: 'Enabled'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Outputs: what the next steps need (code deployment, Teams app package)
// ---------------------------------------------------------------------------------------------------------

@description('Web app to deploy the code to (az webapp deploy --name).')
output webAppName string = webApp.name

@description('Host name of the bot; {{BOT_DOMAIN}} in the Teams manifest.')
output webAppHostName string = webApp.properties.defaultHostName

@description('The bot\'s Microsoft App ID = the identity\'s client id; {{BOT_ID}} in the Teams manifest.')
output botAppId string = identity.properties.clientId

@description('Messaging endpoint registered on the Azure Bot.')
output botEndpoint string = bot.properties.endpoint

@description('Storage account holding the tables.')
output storageAccountName string = storage.name

@description('Resource id of the user-assigned managed identity.')
output identityResourceId string = identity.id

// ---------------------------------------------------------------------------------------------------------
// Alerts: to one action group (e-mail, optionally SMS). docs/operations.md says what each means and what to do.
// The metrics come from the app (bot/telemetry.py) through Application Insights (table customMetrics).
// ---------------------------------------------------------------------------------------------------------

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${namePrefix}-alerts'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: take(replace(namePrefix, '-', ''), 12)
    enabled: true
    emailReceivers: [
      {
        name: 'on-call'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
    smsReceivers: empty(alertSmsNumber) ? [] : [
      {
        name: 'on-call-sms'
        countryCode: alertSmsCountryCode
        phoneNumber: alertSmsNumber
      }
    ]
  }
}

// An availability test from outside: GET /healthz/ready from three locations every 5 minutes.
var readyUrl = 'https://${webApp.properties.defaultHostName}/healthz/ready'

resource readinessTest 'Microsoft.Insights/webtests@2022-06-15' = {
  name: '${namePrefix}-ready'
  location: location
  tags: union(tags, {
    'hidden-link:${appInsights.id}': 'Resource'
  })
  kind: 'standard'
  properties: {
    SyntheticMonitorId: '${namePrefix}-ready'
    Name: 'Trygghet /healthz/ready'
    Enabled: true
    Frequency: 300
    Timeout: 30
    Kind: 'standard'
    RetryEnabled: true
    Locations: [
      { Id: 'emea-se-sto-edge' }
      { Id: 'emea-nl-ams-azr' }
      { Id: 'emea-gb-db3-azr' }
    ]
    Request: {
      RequestUrl: readyUrl
      HttpVerb: 'GET'
      ParseDependentRequests: false
    }
    ValidationRules: {
      ExpectedHttpStatusCode: 200
      SSLCheck: true
      SSLCertRemainingLifetimeCheck: 14
    }
  }
}

// The readiness probe failing: the availability test fails from two of its three locations.
resource readinessAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${namePrefix}-not-ready'
  location: 'global'
  tags: tags
  properties: {
    description: 'GET /healthz/ready fails from outside (docs/operations.md: The bot is down).'
    severity: 0
    enabled: true
    scopes: [
      readinessTest.id
      appInsights.id
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria'
      webTestId: readinessTest.id
      componentId: appInsights.id
      failedLocationCount: 2
    }
    actions: [
      {
        actionGroupId: actionGroup.id
      }
    ]
  }
}

// The app's own signals: each a log query over the last minutes of customMetrics, evaluated every minute.
var appAlerts = [
  {
    name: 'timer-lag'
    description: 'A due timer (reminder, at-sluttid card, alarm) waited over 60 s to be claimed (docs/operations.md: Late or stuck timers).'
    severity: 1
    window: 'PT5M'
    query: 'customMetrics | where name == "trygghet.timer.lag" | summarize worst = max(valueMax)'
    measure: 'worst'
    operator: 'GreaterThan'
    threshold: 60
  }
  {
    name: 'alarm-undelivered'
    description: 'An alarm has been due for over 2 minutes without reaching the operators (docs/operations.md: A stuck or undelivered escalation).'
    severity: 0
    window: 'PT5M'
    query: 'customMetrics | where name == "trygghet.escalation.undelivered_age" | summarize worst = max(valueMax)'
    measure: 'worst'
    operator: 'GreaterThan'
    threshold: 120
  }
  {
    name: 'teams-throttling'
    description: 'Teams answered 429 (too many requests) over 20 times in 10 minutes (docs/operations.md: Teams throttles).'
    severity: 2
    window: 'PT10M'
    query: 'customMetrics | where name in ("trygghet.outbound.retries", "trygghet.outbound.errors") and tostring(customDimensions.status) == "429" | summarize n = sum(valueSum)'
    measure: 'n'
    operator: 'GreaterThan'
    threshold: 20
  }
  {
    name: 'no-sweep'
    description: 'No instance has swept the due timers for 2 minutes: reminders and alarms are not going out (docs/operations.md: The bot is down).'
    severity: 0
    window: 'PT5M'
    query: 'customMetrics | where name == "trygghet.sweeps" and timestamp > ago(2m) | summarize n = count()'
    measure: 'n'
    operator: 'LessThan'
    threshold: 1
  }
]

resource appAlertRules 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = [for alert in appAlerts: {
  name: '${namePrefix}-${alert.name}'
  location: location
  tags: tags
  properties: {
    displayName: '${namePrefix}: ${alert.name}'
    description: alert.description
    severity: alert.severity
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT1M'
    windowSize: alert.window
    criteria: {
      allOf: [
        {
          query: alert.query
          timeAggregation: 'Maximum'
          metricMeasureColumn: alert.measure
          operator: alert.operator
          threshold: alert.threshold
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}]

// Table storage has no soft delete or point-in-time restore (those are for blobs and files). What it has: GZRS
// copies in three zones and the paired region, and this lock, which refuses deleting the account (or this
// resource group's storage) until someone with Owner rights removes the lock first. docs/operations.md, Backup.
resource storageLock 'Microsoft.Authorization/locks@2020-05-01' = {
  name: '${names.storage}-no-delete'
  scope: storage
  properties: {
    level: 'CanNotDelete'
    notes: 'Trygghet: the sessions, audit log and settings live here. Remove this lock only to retire the service.'
  }
}

@description('The readiness URL the availability test and `make deploy` check.')
output readyUrl string = readyUrl
