// The Flex Consumption plan and Function App, its app settings and (optionally) App Service Authentication.
param name string
param planName string
param location string
param tags object
param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerName string
param applicationInsightsName string
param logAnalyticsWorkspaceId string
param keyVaultUri string
param momentoApiKeySecretName string
param signingSecretName string
param momentoCacheName string
param momentoTopicName string
@allowed([
  'Subscription'
  'Webhook'
])
param deliveryMode string
param corsAllowedOrigins string[]
param maximumInstanceCount int
@description('Instances of the http group kept running while idle; 0 lets the app scale to zero.')
param alwaysReadyInstances int
param enableEasyAuth bool
param authClientId string
param authOpenIdIssuer string
param authAllowedApplications string[]
param authAllowedPrincipals string[]

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// Flex Consumption manages the runtime itself: FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION,
// WEBSITE_RUN_FROM_PACKAGE and WEBSITE_CONTENT* must not be set here (functionAppConfig replaces them).
var appSettings = {
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  AZURE_CLIENT_ID: identityClientId
  Momento__Mode: 'Momento'
  Momento__CacheName: momentoCacheName
  Momento__TopicName: momentoTopicName
  Momento__Delivery: deliveryMode
  KeyVault__VaultUri: keyVaultUri
  KeyVault__MomentoApiKeySecretName: momentoApiKeySecretName
  KeyVault__SigningSecretName: signingSecretName
  // Browsers send the Easy Auth session cookie with their cross-origin token requests.
  Cors__AllowCredentials: 'true'
}

// The token endpoint's own origin check (Cors:AllowedOrigins) lists the same origins as the platform's CORS.
var corsOriginSettings = toObject(
  range(0, length(corsAllowedOrigins)),
  i => 'Cors__AllowedOrigins__${i}',
  i => corsAllowedOrigins[i]
)

// Momento cannot sign in and a health probe should not have to: both stay reachable without a principal.
var anonymousPaths = [
  '/api/webhook'
  '/api/health'
]

// Easy Auth refuses (403) a token whose client or principal is not listed; an empty list restricts nothing, so a
// list is sent only when it has entries.
var authorizationPolicy = union(
  empty(authAllowedApplications) ? {} : { allowedApplications: authAllowedApplications },
  empty(authAllowedPrincipals) ? {} : { allowedPrincipals: { identities: authAllowedPrincipals } }
)

var easyAuthEnabledSettings = {
  platform: {
    enabled: true
  }
  globalValidation: {
    requireAuthentication: true
    unauthenticatedClientAction: 'Return401'
    excludedPaths: anonymousPaths
  }
  identityProviders: {
    azureActiveDirectory: {
      enabled: true
      registration: {
        clientId: authClientId
        openIdIssuer: authOpenIdIssuer
      }
      validation: union(
        {
          allowedAudiences: [
            authClientId
            'api://${authClientId}'
          ]
        },
        empty(authorizationPolicy) ? {} : { defaultAuthorizationPolicy: authorizationPolicy }
      )
    }
  }
  login: {
    // Flex Consumption has no shared file system for a token store, and the app needs only the principal.
    tokenStore: {
      enabled: false
    }
  }
  httpSettings: {
    requireHttps: true
  }
}

var easyAuthDisabledSettings = {
  platform: {
    enabled: false
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, {
    'azd-service-name': 'api'
  })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // The platform answers preflights (ahead of Easy Auth) and lets the Easy Auth session cookie travel with
      // cross-origin calls; the token endpoint checks the origin again itself.
      cors: {
        allowedOrigins: corsAllowedOrigins
        supportCredentials: true
      }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: 2048
        maximumInstanceCount: maximumInstanceCount
        // An app scaled to zero runs no topic subscriber; a webhook-only app may scale to zero.
        alwaysReady: alwaysReadyInstances > 0
          ? [
              {
                name: 'http'
                instanceCount: alwaysReadyInstances
              }
            ]
          : []
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  resource settings 'config' = {
    name: 'appsettings'
    properties: union(appSettings, corsOriginSettings)
  }

  // Deployments go through azd with Entra ID; user-name-and-password publishing stays off for FTP and for the
  // SCM (Kudu) site alike.
  resource ftpPublishing 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }

  resource scmPublishing 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }

  // Deployed either way so that turning the switch off really turns authentication off.
  resource authentication 'config' = {
    name: 'authsettingsV2'
    properties: enableEasyAuth ? easyAuthEnabledSettings : easyAuthDisabledSettings
    // Two config writes to one site at once can conflict.
    dependsOn: [
      settings
    ]
  }
}

// The Functions host's own log stream (FunctionAppLogs table); the app's telemetry goes to Application Insights.
resource hostLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'logs-to-log-analytics'
  scope: site
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logAnalyticsDestinationType: 'Dedicated'
    logs: [
      {
        category: 'FunctionAppLogs'
        enabled: true
      }
    ]
  }
}

output name string = site.name
output uri string = 'https://${site.properties.defaultHostName}'
