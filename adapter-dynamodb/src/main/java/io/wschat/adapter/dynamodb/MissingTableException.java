package io.wschat.adapter.dynamodb;

/** The connections table does not exist in this account and region: a deployment or configuration mistake. */
public final class MissingTableException extends ConnectionStoreException {

  MissingTableException(String tableName, String operation, Throwable cause) {
    super(tableName, operation + " failed: DynamoDB table '" + tableName + "' does not exist in this account and"
        + " region. Set " + ConnectionsTable.TABLE_VARIABLE + " to the name of the connections table, or create it"
        + " (ConnectionsTable.create, or the deployment template).", cause);
  }
}
