// Serverless on Azure Functions Flex Consumption: one storage account (no keys), a user-assigned identity,
// Application Insights, the function app and the Event Grid wiring of the upload trigger.
// `azd up` deploys it (azure.yaml at the repo root); docs/azure.md has the details.

targetScope = 'resourceGroup'

@description('Prefix of every resource name: 2-10 lower-case letters and digits (the storage account name starts with it).')
@minLength(2)
@maxLength(10)
param namePrefix string

@description('Region of every resource. Flex Consumption is not offered everywhere: az functionapp list-flexconsumption-locations.')
param location string = resourceGroup().location

@description('azd environment name, recorded as a tag; empty outside azd.')
param environmentName string = ''

@description('dotnet-isolated version on Flex Consumption; the app targets net10.0 (az functionapp list-flexconsumption-runtimes --location ... --runtime dotnet-isolated).')
@allowed(['8.0', '9.0', '10.0'])
param dotnetVersion string = '10.0'

@description('Most instances Flex Consumption scales the app out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory per instance in MB: 2048 is one vCPU, 4096 two.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Durable task hub name (letters and digits, 3-45); host.json reads it as %TaskHubName%.')
@minLength(3)
@maxLength(45)
param taskHubName string = 'ServerlessHub'

@description('Base address of the third-party user API (UserApi__BaseUrl).')
param userApiBaseUrl string

@description('How the app authenticates to the user API (UserApi__Auth__Mode); docs/user-api-auth.md.')
@allowed(['None', 'ApiKey', 'Bearer', 'OAuthClientCredentials'])
param userApiAuthMode string = 'None'

@description('ApiKey mode: the header carrying the key (UserApi__Auth__HeaderName).')
param userApiAuthHeaderName string = 'X-Api-Key'

@description('OAuthClientCredentials mode: the token endpoint, https (UserApi__Auth__TokenUrl).')
param userApiAuthTokenUrl string = ''

@description('OAuthClientCredentials mode: the client id (UserApi__Auth__ClientId). An identifier, not a secret.')
param userApiAuthClientId string = ''

@description('OAuthClientCredentials mode: space-separated scopes to ask for (UserApi__Auth__Scope); empty for none.')
param userApiAuthScope string = ''

@description('User fetches in flight across a whole run (UserApi__MaxConcurrency). 20: the API bans clients at 50.')
@minValue(1)
@maxValue(1000)
param userApiMaxConcurrency int = 20

@description('Users one fetch request may ask for (UserFetch__MaxUsersPerRun).')
@minValue(1)
@maxValue(10000000)
param userFetchMaxUsersPerRun int = 100000

@description('Most users per sub-orchestration (UserFetch__ChunkSize); a run makes its chunks equal, in whole rounds of lanes.')
@minValue(1)
@maxValue(5000)
param userFetchChunkSize int = 5000

@description('Users per activity when a request does not say (UserFetch__BatchSize); 0 chooses per run from the item count, the cap and the chunk size.')
@minValue(0)
@maxValue(1000)
param userFetchBatchSize int = 0

@description('Article analyses at once per instance (Articles__MaxWorkers); CPU-bound, so the instance\'s vCPUs.')
@minValue(1)
@maxValue(1024)
param articlesMaxWorkers int = instanceMemoryMB == 4096 ? 2 : 1

@description('Article activities one run keeps scheduled (Articles__MaxInFlightPerRun).')
@minValue(1)
@maxValue(1000)
param articlesMaxInFlightPerRun int = 8

@description('Articles per activity (Articles__BatchSize); 0 chooses per run (two batches per activity slot).')
@minValue(0)
@maxValue(1000)
param articlesBatchSize int = 0

@description('Activities per article sub-orchestration (Articles__ChunkSize).')
@minValue(1)
@maxValue(5000)
param articlesChunkSize int = 50

@description('Durable engine: activities at once per instance (overrides host.json extensions.durableTask.maxConcurrentActivityFunctions).')
@minValue(1)
param durableMaxConcurrentActivityFunctions int = 100

@description('Durable engine: orchestrator work items at once per instance (overrides host.json maxConcurrentOrchestratorFunctions).')
@minValue(1)
param durableMaxConcurrentOrchestratorFunctions int = 20

@description('Subscribe the upload trigger to BlobCreated events. Needs the deployed app (its blobs_extension key): false on the very first provision, true afterwards.')
param subscribeArticleEvents bool = false

var tags = empty(environmentName) ? {} : { 'azd-env-name': environmentName }
var articlesContainerName = 'articles'
var resultsContainerName = 'results'
var storageAccountName = take('${namePrefix}${uniqueString(resourceGroup().id)}', 24)
var deploymentContainerName = 'app-package'
var functionAppName = '${namePrefix}-func-${uniqueString(resourceGroup().id)}'
var keyVaultName = take('${namePrefix}-kv-${uniqueString(resourceGroup().id)}', 24)
// Names of the secrets the operator puts in the vault (docs/user-api-auth.md); the template never sees their values.
var userApiSecretName = 'user-api-secret'
var userApiClientSecretName = 'user-api-client-secret'
var needsSecret = contains(['ApiKey', 'Bearer'], userApiAuthMode)
var needsClientSecret = userApiAuthMode == 'OAuthClientCredentials'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: '${namePrefix}-id'
  location: location
  tags: tags
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: storageAccountName
    location: location
    tags: tags
    articlesContainerName: articlesContainerName
    resultsContainerName: resultsContainerName
    deploymentContainerName: deploymentContainerName
  }
}

module storageRoles 'modules/storage-roles.bicep' = {
  name: 'storage-roles'
  params: {
    storageAccountName: storageAccountName
    identityName: identity.name
  }
  dependsOn: [
    storage
  ]
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    namePrefix: namePrefix
    location: location
    tags: tags
    publisherIdentityName: identity.name
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: keyVaultName
    location: location
    tags: tags
    identityName: identity.name
  }
}

// Every setting the app reads in Azure. The settings-coverage test (tests/Serverless.Tests/Deployment)
// checks these names against the options classes; keep one `name: value` per line.
var appSettings = {
  // Identity-based host storage: Durable task hub, upload trigger and (via Core) results.
  AzureWebJobsStorage__accountName: storage.outputs.name
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.properties.clientId
  AzureWebJobsStorage__blobServiceUri: storage.outputs.blobEndpoint
  AzureWebJobsStorage__queueServiceUri: storage.outputs.queueEndpoint
  AzureWebJobsStorage__tableServiceUri: storage.outputs.tableEndpoint
  APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
  // Telemetry with the identity (the component has local auth disabled).
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
  TaskHubName: taskHubName
  AzureFunctionsJobHost__extensions__durableTask__maxConcurrentActivityFunctions: string(durableMaxConcurrentActivityFunctions)
  AzureFunctionsJobHost__extensions__durableTask__maxConcurrentOrchestratorFunctions: string(durableMaxConcurrentOrchestratorFunctions)
  UserApi__BaseUrl: userApiBaseUrl
  UserApi__MaxConcurrency: string(userApiMaxConcurrency)
  UserApi__Auth__Mode: userApiAuthMode
  UserApi__Auth__HeaderName: userApiAuthHeaderName
  UserApi__Auth__TokenUrl: userApiAuthTokenUrl
  UserApi__Auth__ClientId: userApiAuthClientId
  UserApi__Auth__Scope: userApiAuthScope
  // Key Vault references, resolved by the platform with the app's identity (keyVaultReferenceIdentity): the value never
  // passes through the template, the deployment history or the app's configuration as plain text. Empty when the mode needs none.
  UserApi__Auth__Secret: needsSecret ? '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/${userApiSecretName})' : ''
  UserApi__Auth__ClientSecret: needsClientSecret ? '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.uri}secrets/${userApiClientSecretName})' : ''
  UserFetch__MaxUsersPerRun: string(userFetchMaxUsersPerRun)
  UserFetch__ChunkSize: string(userFetchChunkSize)
  UserFetch__BatchSize: string(userFetchBatchSize)
  Articles__Container: articlesContainerName
  Articles__MaxWorkers: string(articlesMaxWorkers)
  Articles__MaxInFlightPerRun: string(articlesMaxInFlightPerRun)
  Articles__BatchSize: string(articlesBatchSize)
  Articles__ChunkSize: string(articlesChunkSize)
  Results__Container: resultsContainerName
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    namePrefix: namePrefix
    name: functionAppName
    location: location
    tags: tags
    identityId: identity.id
    blobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: deploymentContainerName
    dotnetVersion: dotnetVersion
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    appSettings: appSettings
  }
  // The host starts on creation and reads storage with the identity: let the grants exist first. (The vault's grant
  // is in the keyVault module, which the settings' references already wait for.)
  dependsOn: [
    storageRoles
  ]
}

module articleEvents 'modules/article-events.bicep' = {
  name: 'article-events'
  params: {
    location: location
    tags: tags
    storageAccountName: storageAccountName
    functionAppName: functionAppName
    articlesContainerName: articlesContainerName
    subscribe: subscribeArticleEvents
  }
  // The subscription's endpoint is the app's host; the topic's source is the storage account.
  dependsOn: [
    storage
    functionApp
  ]
}

output FUNCTION_APP_NAME string = functionApp.outputs.name
output FUNCTION_APP_URL string = 'https://${functionApp.outputs.defaultHostName}'
output STORAGE_ACCOUNT_NAME string = storage.outputs.name
output KEY_VAULT_NAME string = keyVault.outputs.name
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.appInsightsName
output ARTICLE_EVENTS_SUBSCRIBED bool = articleEvents.outputs.subscribed
