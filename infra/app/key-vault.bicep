// The vault holding the two secrets the app reads with SecretClient (so a rotated secret needs no restart).
param name string
param location string
param tags object
param logAnalyticsWorkspaceId string
param enablePurgeProtection bool
param momentoApiKeySecretName string
param signingSecretName string

@secure()
param momentoApiKey string

@secure()
param webhookSigningSecret string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    // A deleted vault (and a deleted secret) can be recovered for this many days, the minimum; the service fixes
    // the value when the vault is created.
    softDeleteRetentionInDays: 7
    // The service refuses an explicit false; leaving the property out is how purge protection stays off.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

resource momentoApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: momentoApiKeySecretName
  properties: {
    value: momentoApiKey
    contentType: 'Momento legacy (v1) super-user API key'
  }
}

resource signingSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: signingSecretName
  properties: {
    value: webhookSigningSecret
    contentType: 'Momento webhook signing secret'
  }
}

// Every data-plane access (who read or wrote which secret, and who was refused) lands in the workspace's
// AZKVAuditLogs table.
resource auditLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit-to-log-analytics'
  scope: vault
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logAnalyticsDestinationType: 'Dedicated'
    logs: [
      {
        category: 'AuditEvent'
        enabled: true
      }
    ]
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
