// The vault holding the user API's credentials (docs/user-api-auth.md). The template creates no secret and
// knows no secret value: the operator sets them (az keyvault secret set), and the app settings refer to them
// with @Microsoft.KeyVault(SecretUri=...), resolved by the platform with the app's identity.

param name string
param location string
param tags object

@description('Name of the app\'s user-assigned identity (same resource group); it may read secrets, nothing more.')
param identityName string

// Key Vault Secrets User: read secret values, no listing of keys or certificates, no writes.
var secretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    // Access by Azure RBAC (role assignments), not by vault access policies.
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identity.id, secretsUserRoleId)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRoleId)
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
