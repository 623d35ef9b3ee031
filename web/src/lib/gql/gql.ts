/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n\tmutation Logout {\n\t\tlogout\n\t}\n": typeof types.LogoutDocument,
    "\n\tmutation Login($input: LoginInput!) {\n\t\tlogin(input: $input) {\n\t\t\t__typename\n\t\t\t... on Error {\n\t\t\t\tmessage\n\t\t\t}\n\t\t\t... on MutationLoginSuccess {\n\t\t\t\tsession {\n\t\t\t\t\ttoken\n\t\t\t\t\tviewer {\n\t\t\t\t\t\tname\n\t\t\t\t\t\trole\n\t\t\t\t\t\torganization {\n\t\t\t\t\t\t\tname\n\t\t\t\t\t\t\ttimeZone\n\t\t\t\t\t\t\tcurrency\n\t\t\t\t\t\t}\n\t\t\t\t\t}\n\t\t\t\t}\n\t\t\t}\n\t\t}\n\t}\n": typeof types.LoginDocument,
};
const documents: Documents = {
    "\n\tmutation Logout {\n\t\tlogout\n\t}\n": types.LogoutDocument,
    "\n\tmutation Login($input: LoginInput!) {\n\t\tlogin(input: $input) {\n\t\t\t__typename\n\t\t\t... on Error {\n\t\t\t\tmessage\n\t\t\t}\n\t\t\t... on MutationLoginSuccess {\n\t\t\t\tsession {\n\t\t\t\t\ttoken\n\t\t\t\t\tviewer {\n\t\t\t\t\t\tname\n\t\t\t\t\t\trole\n\t\t\t\t\t\torganization {\n\t\t\t\t\t\t\tname\n\t\t\t\t\t\t\ttimeZone\n\t\t\t\t\t\t\tcurrency\n\t\t\t\t\t\t}\n\t\t\t\t\t}\n\t\t\t\t}\n\t\t\t}\n\t\t}\n\t}\n": types.LoginDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n\tmutation Logout {\n\t\tlogout\n\t}\n"): (typeof documents)["\n\tmutation Logout {\n\t\tlogout\n\t}\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n\tmutation Login($input: LoginInput!) {\n\t\tlogin(input: $input) {\n\t\t\t__typename\n\t\t\t... on Error {\n\t\t\t\tmessage\n\t\t\t}\n\t\t\t... on MutationLoginSuccess {\n\t\t\t\tsession {\n\t\t\t\t\ttoken\n\t\t\t\t\tviewer {\n\t\t\t\t\t\tname\n\t\t\t\t\t\trole\n\t\t\t\t\t\torganization {\n\t\t\t\t\t\t\tname\n\t\t\t\t\t\t\ttimeZone\n\t\t\t\t\t\t\tcurrency\n\t\t\t\t\t\t}\n\t\t\t\t\t}\n\t\t\t\t}\n\t\t\t}\n\t\t}\n\t}\n"): (typeof documents)["\n\tmutation Login($input: LoginInput!) {\n\t\tlogin(input: $input) {\n\t\t\t__typename\n\t\t\t... on Error {\n\t\t\t\tmessage\n\t\t\t}\n\t\t\t... on MutationLoginSuccess {\n\t\t\t\tsession {\n\t\t\t\t\ttoken\n\t\t\t\t\tviewer {\n\t\t\t\t\t\tname\n\t\t\t\t\t\trole\n\t\t\t\t\t\torganization {\n\t\t\t\t\t\t\tname\n\t\t\t\t\t\t\ttimeZone\n\t\t\t\t\t\t\tcurrency\n\t\t\t\t\t\t}\n\t\t\t\t\t}\n\t\t\t\t}\n\t\t\t}\n\t\t}\n\t}\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;