// CourseComments on Azure Functions Flex Consumption: what `azd up` provisions.
// Layout follows Microsoft's azd template for .NET isolated Functions on Flex Consumption
// (Azure-Samples/functions-quickstart-dotnet-azd), written with plain resources so it needs no registry modules.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; it seeds the unique suffix of every resource name.')
param environmentName string

@minLength(1)
@description('Region for every resource; it must offer Flex Consumption.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the deploying user or service principal; empty grants the deployer nothing.')
param principalId string = ''

@allowed([
  'User'
  'ServicePrincipal'
])
param principalType string = 'User'

@secure()
@minLength(1)
@description('Momento legacy (v1) super-user API key: the token issuer mints disposable tokens with it.')
param momentoApiKey string

@secure()
@minLength(1)
@description('The signing secret Momento returned for the webhook (or one you chose for your own relay).')
param webhookSigningSecret string

param momentoCacheName string = 'course-comments'

param momentoTopicName string = 'comment'

@description('''Comma-separated browser origins allowed to ask for tokens, e.g. "https://courses.example.com";
not "*", which the app refuses outside local mode.''')
param corsAllowedOrigins string = ''

@description('''App Service Authentication with Microsoft Entra ID in front of the app; the token issuer needs the
signed-in user.''')
param enableEasyAuth bool = true

@description('Application (client) id of the Entra app registration Easy Auth signs users in with.')
param authClientId string = ''

@description('Tenant of that app registration; empty means the tenant of this subscription.')
param authTenantId string = ''

@allowed([
  'dev'
  'prod'
])
@description('''What the environment is for: "prod" (the default) turns on the protections a throwaway environment
would trip over (Key Vault purge protection).''')
param environmentType string = 'prod'

@description('''Key Vault purge protection (on by default except in "dev" environments); once on it cannot be turned
off, and a deleted vault and its name stay for the soft-delete retention period.''')
param enableKeyVaultPurgeProtection bool = environmentType != 'dev'

@allowed([
  'Subscription'
  'Webhook'
])
@description('''How published comments reach the store (app setting Momento__Delivery): "Subscription", the app
subscribes to the topic itself; "Webhook", Momento calls /api/webhook.''')
param deliveryMode string = 'Subscription'

@minValue(1)
@description('''Always-ready instances in Subscription mode, so that a subscriber is running while no request comes
in; 2 leaves no gap while the platform recycles one. Billed while idle; at most maximumInstanceCount.''')
param alwaysReadyInstances int = 1

@description('''Comma-separated client (application) ids whose tokens Easy Auth accepts (the token's appid or azp
claim); empty accepts tokens of any client application.''')
param authAllowedApplications string = ''

@description('''Comma-separated object ids of the users and service principals Easy Auth lets in (the oid claim);
empty lets in any principal of the tenant.''')
param authAllowedPrincipals string = ''

@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
// The names the app reads from the vault (KeyVault__*SecretName); the same values create the secrets.
var momentoApiKeySecretName = 'momento-api-key'
var signingSecretName = 'webhook-signing-secret'
var functionAppName = 'func-api-${resourceToken}'
// Easy Auth needs an app registration that Bicep cannot create; without one the deployment still succeeds, with
// authentication off and EASY_AUTH_STATUS saying so, rather than failing a first `azd up`.
var easyAuthOn = enableEasyAuth && !empty(authClientId)
var loginEndpoint = environment().authentication.loginEndpoint
var easyAuthMissingClient = 'OFF: enableEasyAuth is true but AUTH_CLIENT_ID is empty, so POST /api/tokens answers 401.'
var easyAuthStatus = easyAuthOn
  ? 'on (Microsoft Entra ID, app ${authClientId})'
  : (enableEasyAuth
      ? '${easyAuthMissingClient} Set AUTH_CLIENT_ID (docs/deploy.md, Sign-in) and run azd provision.'
      : 'off (ENABLE_EASY_AUTH=false): POST /api/tokens answers 401')

// The azd environment holds lists as one comma-separated string.
func splitList(list string) string[] => filter(map(split(list, ','), item => trim(item)), item => !empty(item))

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-api-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: 'app-package'
  }
}

module keyVault 'app/key-vault.bicep' = {
  name: 'keyVault'
  scope: rg
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
    enablePurgeProtection: enableKeyVaultPurgeProtection
    momentoApiKeySecretName: momentoApiKeySecretName
    momentoApiKey: momentoApiKey
    signingSecretName: signingSecretName
    webhookSigningSecret: webhookSigningSecret
  }
}

module roleAssignments 'app/role-assignments.bicep' = {
  name: 'roleAssignments'
  scope: rg
  params: {
    identityPrincipalId: identity.outputs.principalId
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultName: keyVault.outputs.name
  }
}

module functionApp 'app/function-app.bicep' = {
  name: 'functionApp'
  scope: rg
  // The app reads the vault, storage and telemetry with its identity from its first start.
  dependsOn: [
    roleAssignments
  ]
  params: {
    name: functionAppName
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
    keyVaultUri: keyVault.outputs.uri
    momentoApiKeySecretName: momentoApiKeySecretName
    signingSecretName: signingSecretName
    momentoCacheName: momentoCacheName
    momentoTopicName: momentoTopicName
    deliveryMode: deliveryMode
    corsAllowedOrigins: splitList(corsAllowedOrigins)
    maximumInstanceCount: maximumInstanceCount
    alwaysReadyInstances: deliveryMode == 'Subscription' ? alwaysReadyInstances : 0
    enableEasyAuth: easyAuthOn
    authClientId: authClientId
    authOpenIdIssuer: '${loginEndpoint}${empty(authTenantId) ? tenant().tenantId : authTenantId}/v2.0'
    authAllowedApplications: splitList(authAllowedApplications)
    authAllowedPrincipals: splitList(authAllowedPrincipals)
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = functionApp.outputs.uri
output WEBHOOK_URL string = '${functionApp.outputs.uri}/api/webhook'
output TOKEN_URL string = '${functionApp.outputs.uri}/api/tokens'
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output EASY_AUTH_STATUS string = easyAuthStatus
