package io.wschat.adapter.dynamodb;

/** The connections table does not exist in this account and region: a deployment or configuration mistake. */
public final class MissingTableException extends ConnectionStoreException {

  MissingTableException(String tableName, String operation, Throwable cause) {
    super(tableName, SdkFailures.missingTable(operation, tableName, "connections", ConnectionsTable.TABLE_VARIABLE,
        ConnectionsTable.class), cause);
  }
}
