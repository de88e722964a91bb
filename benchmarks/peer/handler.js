"use strict"
// The chat of docs/protocol.md as a user would write it for serverless-offline: one handler for every route, an
// in-memory user -> connections map, frames posted with the SDK's Management API client. The load test's
// reference, so it does what wschat's handler does per message and no more (no authorizer: wschat runs with
// AUTH_MODE=none in the load test too).
const crypto = require("node:crypto")
const {
  ApiGatewayManagementApiClient,
  PostToConnectionCommand,
  GoneException,
} = require("@aws-sdk/client-apigatewaymanagementapi")

const MAX_MESSAGE_BYTES = 16384
const USER_ID = /^[\p{L}\p{N}._\-@]{1,64}$/u

// Built once per container, like wschat's clients. serverless-offline answers the Management API on its
// websocket port without a stage prefix.
const management = new ApiGatewayManagementApiClient({
  endpoint: process.env.MANAGEMENT_ENDPOINT,
  region: "us-east-1",
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
})

const connectionsByUser = new Map() // userId -> Set<connectionId>
const userByConnection = new Map() // connectionId -> userId

function register(connectionId, userId) {
  unregister(connectionId)
  let connections = connectionsByUser.get(userId)
  if (!connections) {
    connections = new Set()
    connectionsByUser.set(userId, connections)
  }
  connections.add(connectionId)
  userByConnection.set(connectionId, userId)
}

function unregister(connectionId) {
  const userId = userByConnection.get(connectionId)
  if (userId === undefined) return
  userByConnection.delete(connectionId)
  const connections = connectionsByUser.get(userId)
  connections.delete(connectionId)
  if (connections.size === 0) connectionsByUser.delete(userId)
}

/** true if posted; false if the connection is gone, which then leaves the registry (that connection only). */
async function post(connectionId, frame) {
  try {
    await management.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: JSON.stringify(frame) }))
    return true
  } catch (e) {
    if (e instanceof GoneException || e?.$metadata?.httpStatusCode === 410) {
      unregister(connectionId)
      return false
    }
    throw e
  }
}

function error(connectionId, code, message, action) {
  return post(connectionId, { type: "error", code, message, action: action ?? null })
}

async function registerUser(connectionId, body) {
  if (typeof body.userId !== "string" || !USER_ID.test(body.userId.normalize("NFC"))) {
    return error(connectionId, "INVALID_REQUEST", "userId must be 1-64 letters, digits or . _ - @", "registerUser")
  }
  const userId = body.userId.normalize("NFC")
  register(connectionId, userId)
  if (!(await post(connectionId, { type: "registrationSuccess", userId }))) unregister(connectionId)
}

async function sendPrivateMessage(connectionId, body) {
  const action = "sendPrivateMessage"
  if (typeof body.targetUserId !== "string" || typeof body.message !== "string" || body.message.length === 0) {
    return error(connectionId, "INVALID_REQUEST", "targetUserId and message are required", action)
  }
  if (Buffer.byteLength(body.message, "utf8") > MAX_MESSAGE_BYTES) {
    return error(connectionId, "MESSAGE_TOO_LARGE", `message is over ${MAX_MESSAGE_BYTES} bytes`, action)
  }
  const from = userByConnection.get(connectionId)
  if (from === undefined) {
    return error(connectionId, "NOT_REGISTERED", "register before sending", action)
  }
  const targets = [...(connectionsByUser.get(body.targetUserId) ?? [])]
  if (targets.length === 0) {
    return error(connectionId, "USER_NOT_CONNECTED", `user ${body.targetUserId} is not connected`, action)
  }
  const messageId = crypto.randomUUID()
  const frame = { type: "privateMessage", fromUserId: from, message: body.message, messageId,
    sentAt: new Date().toISOString() }
  const delivered = await Promise.all(targets.map((target) => post(target, frame)))
  const deliveredTo = delivered.filter(Boolean).length
  if (deliveredTo === 0) {
    return error(connectionId, "USER_NOT_CONNECTED", `user ${body.targetUserId} is not connected`, action)
  }
  return post(connectionId, { type: "messageSent", messageId, targetUserId: body.targetUserId, deliveredTo })
}

exports.handle = async (event) => {
  const { connectionId, routeKey } = event.requestContext
  try {
    if (routeKey === "$connect") return { statusCode: 200 }
    if (routeKey === "$disconnect") {
      unregister(connectionId)
      return { statusCode: 200 }
    }
    let body
    try {
      body = JSON.parse(event.body)
    } catch {
      body = null
    }
    if (body === null || typeof body !== "object" || Array.isArray(body)) {
      await error(connectionId, "INVALID_REQUEST", "the body must be a JSON object", null)
    } else if (routeKey === "registerUser") {
      await registerUser(connectionId, body)
    } else if (routeKey === "sendPrivateMessage") {
      await sendPrivateMessage(connectionId, body)
    } else {
      await error(connectionId, "UNKNOWN_ACTION",
        `unknown action ${body.action}; known: registerUser, sendPrivateMessage`, body.action)
    }
    return { statusCode: 200 }
  } catch (e) {
    console.error(JSON.stringify({ level: "ERROR", connectionId, requestId: event.requestContext.requestId,
      error: String(e) }))
    await error(connectionId, "INTERNAL_ERROR", "internal error", null).catch(() => {})
    return { statusCode: 500 }
  }
}
