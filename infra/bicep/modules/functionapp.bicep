// Flex Consumption (FC1) plan and the function app. Runtime, package location and scale limits live in
// functionAppConfig: Flex refuses the FUNCTIONS_WORKER_RUNTIME / FUNCTIONS_EXTENSION_VERSION /
// WEBSITE_RUN_FROM_PACKAGE app settings other plans use.

param namePrefix string

@description('Function app name (globally unique: it is the azurewebsites.net host name).')
param name string
param location string
param tags object = {}

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Blob endpoint of the storage account (https://{account}.blob.core.windows.net/).')
param blobEndpoint string

@description('Container holding the deployment package.')
param deploymentContainerName string

@description('dotnet-isolated version in functionAppConfig.runtime; must match the project\'s target framework.')
param dotnetVersion string

@description('Upper bound on instances the plan scales the app to.')
param maximumInstanceCount int

@description('Memory per instance; 2048 MB is one vCPU, 4096 MB two.')
param instanceMemoryMB int

@description('App settings (name → value).')
param appSettings object

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: '${namePrefix}-plan'
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

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  // azd finds the app it deploys the `api` service to by this tag.
  tags: union(tags, { 'azd-service-name': 'api' })
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
    // Key Vault references in the app settings are resolved with this identity (not a system-assigned one, which the app has not).
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: dotnetVersion
      }
    }
  }

  resource settings 'config' = {
    name: 'appsettings'
    properties: appSettings
  }
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
