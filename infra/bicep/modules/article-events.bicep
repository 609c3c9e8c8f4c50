// Uploads reach the ArticleUploaded function through Event Grid: Flex Consumption has no polling blob
// trigger. The system topic can exist from the first deployment; the subscription needs the host's
// blobs_extension system key, which the Functions host creates only once the app (with its blob trigger) has
// been deployed and started, and Event Grid validates the endpoint when the subscription is created. Hence
// `subscribe` stays false until the code is deployed (see docs/azure.md).

param location string
param tags object = {}
param storageAccountName string
param functionAppName string

@description('Container whose BlobCreated events start article runs.')
param articlesContainerName string

@description('Function name as the isolated worker registers it with the host.')
param functionName string = 'ArticleUploaded'

@description('Create the event subscription (needs the deployed app, see above).')
param subscribe bool

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource app 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

// listKeys on the host rather than an `existing` sites/host resource: Bicep ships no type for that one.
var blobsExtensionKey = listKeys('${app.id}/host/default', '2025-03-01').systemKeys.blobs_extension

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: '${storageAccountName}-events'
  location: location
  tags: tags
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

resource articleUploads 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = if (subscribe) {
  parent: topic
  name: 'article-uploads'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${app.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${functionName}&code=${blobsExtensionKey}'
      }
    }
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      subjectBeginsWith: '/blobServices/default/containers/${articlesContainerName}/'
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}

output topicName string = topic.name
output subscribed bool = subscribe
