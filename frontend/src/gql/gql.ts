/* eslint-disable */
import * as types from './graphql';



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
    "fragment BookCard on Book {\n  id\n  title\n  author\n  publishedOn\n}": typeof types.BookCardFragmentDoc,
    "query BookDetail($id: ID!) {\n  bookById(id: $id) {\n    id\n    ...BookDetails\n  }\n}": typeof types.BookDetailDocument,
    "fragment BookDetails on Book {\n  id\n  title\n  author\n  isbn\n  publishedOn\n  pageCount\n  createdAt\n  updatedAt\n}": typeof types.BookDetailsFragmentDoc,
    "fragment BookFormFields on Book {\n  title\n  author\n  isbn\n  publishedOn\n  pageCount\n}\n\nmutation CreateBook($input: BookInput!) {\n  createBook(input: $input) {\n    id\n  }\n}\n\nmutation UpdateBook($id: ID!, $input: BookPatchInput!) {\n  updateBook(id: $id, input: $input) {\n    id\n  }\n}": typeof types.BookFormFieldsFragmentDoc,
    "query BookList($first: Int!, $after: String, $filter: BookFilter, $orderBy: BookOrder!) {\n  books(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        ...BookCard\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.BookListDocument,
    "mutation DeleteBook($id: ID!) {\n  deleteBook(id: $id)\n}": typeof types.DeleteBookDocument,
    "query BookForEdit($id: ID!) {\n  bookById(id: $id) {\n    id\n    ...BookFormFields\n  }\n}": typeof types.BookForEditDocument,
    "query Viewer {\n  viewer {\n    id\n  }\n}\n\nquery BookReviews($bookId: ID!, $first: Int!, $after: String, $viewerId: ID, $withMine: Boolean!) {\n  bookById(id: $bookId) {\n    id\n    reviewCount\n    averageRating\n    reviews(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          ...ReviewCard\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n  mine: reviews(first: 1, filter: {bookId: $bookId, authorId: $viewerId}) @include(if: $withMine) {\n    edges {\n      node {\n        id\n        rating\n        body\n        ...ReviewCard\n      }\n    }\n  }\n}": typeof types.ViewerDocument,
    "fragment ReviewCard on Review {\n  id\n  rating\n  body\n  createdAt\n  author {\n    id\n    fullName\n  }\n}": typeof types.ReviewCardFragmentDoc,
    "mutation CreateReview($input: ReviewInput!) {\n  createReview(input: $input) {\n    id\n  }\n}\n\nmutation UpdateReview($id: ID!, $input: ReviewPatchInput!) {\n  updateReview(id: $id, input: $input) {\n    id\n  }\n}\n\nmutation DeleteReview($id: ID!) {\n  deleteReview(id: $id)\n}": typeof types.CreateReviewDocument,
};
const documents: Documents = {
    "fragment BookCard on Book {\n  id\n  title\n  author\n  publishedOn\n}": types.BookCardFragmentDoc,
    "query BookDetail($id: ID!) {\n  bookById(id: $id) {\n    id\n    ...BookDetails\n  }\n}": types.BookDetailDocument,
    "fragment BookDetails on Book {\n  id\n  title\n  author\n  isbn\n  publishedOn\n  pageCount\n  createdAt\n  updatedAt\n}": types.BookDetailsFragmentDoc,
    "fragment BookFormFields on Book {\n  title\n  author\n  isbn\n  publishedOn\n  pageCount\n}\n\nmutation CreateBook($input: BookInput!) {\n  createBook(input: $input) {\n    id\n  }\n}\n\nmutation UpdateBook($id: ID!, $input: BookPatchInput!) {\n  updateBook(id: $id, input: $input) {\n    id\n  }\n}": types.BookFormFieldsFragmentDoc,
    "query BookList($first: Int!, $after: String, $filter: BookFilter, $orderBy: BookOrder!) {\n  books(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        ...BookCard\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.BookListDocument,
    "mutation DeleteBook($id: ID!) {\n  deleteBook(id: $id)\n}": types.DeleteBookDocument,
    "query BookForEdit($id: ID!) {\n  bookById(id: $id) {\n    id\n    ...BookFormFields\n  }\n}": types.BookForEditDocument,
    "query Viewer {\n  viewer {\n    id\n  }\n}\n\nquery BookReviews($bookId: ID!, $first: Int!, $after: String, $viewerId: ID, $withMine: Boolean!) {\n  bookById(id: $bookId) {\n    id\n    reviewCount\n    averageRating\n    reviews(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          ...ReviewCard\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n  mine: reviews(first: 1, filter: {bookId: $bookId, authorId: $viewerId}) @include(if: $withMine) {\n    edges {\n      node {\n        id\n        rating\n        body\n        ...ReviewCard\n      }\n    }\n  }\n}": types.ViewerDocument,
    "fragment ReviewCard on Review {\n  id\n  rating\n  body\n  createdAt\n  author {\n    id\n    fullName\n  }\n}": types.ReviewCardFragmentDoc,
    "mutation CreateReview($input: ReviewInput!) {\n  createReview(input: $input) {\n    id\n  }\n}\n\nmutation UpdateReview($id: ID!, $input: ReviewPatchInput!) {\n  updateReview(id: $id, input: $input) {\n    id\n  }\n}\n\nmutation DeleteReview($id: ID!) {\n  deleteReview(id: $id)\n}": types.CreateReviewDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment BookCard on Book {\n  id\n  title\n  author\n  publishedOn\n}"): typeof import('./graphql').BookCardFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BookDetail($id: ID!) {\n  bookById(id: $id) {\n    id\n    ...BookDetails\n  }\n}"): typeof import('./graphql').BookDetailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment BookDetails on Book {\n  id\n  title\n  author\n  isbn\n  publishedOn\n  pageCount\n  createdAt\n  updatedAt\n}"): typeof import('./graphql').BookDetailsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment BookFormFields on Book {\n  title\n  author\n  isbn\n  publishedOn\n  pageCount\n}\n\nmutation CreateBook($input: BookInput!) {\n  createBook(input: $input) {\n    id\n  }\n}\n\nmutation UpdateBook($id: ID!, $input: BookPatchInput!) {\n  updateBook(id: $id, input: $input) {\n    id\n  }\n}"): typeof import('./graphql').BookFormFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BookList($first: Int!, $after: String, $filter: BookFilter, $orderBy: BookOrder!) {\n  books(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        ...BookCard\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): typeof import('./graphql').BookListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteBook($id: ID!) {\n  deleteBook(id: $id)\n}"): typeof import('./graphql').DeleteBookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BookForEdit($id: ID!) {\n  bookById(id: $id) {\n    id\n    ...BookFormFields\n  }\n}"): typeof import('./graphql').BookForEditDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Viewer {\n  viewer {\n    id\n  }\n}\n\nquery BookReviews($bookId: ID!, $first: Int!, $after: String, $viewerId: ID, $withMine: Boolean!) {\n  bookById(id: $bookId) {\n    id\n    reviewCount\n    averageRating\n    reviews(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          ...ReviewCard\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n  mine: reviews(first: 1, filter: {bookId: $bookId, authorId: $viewerId}) @include(if: $withMine) {\n    edges {\n      node {\n        id\n        rating\n        body\n        ...ReviewCard\n      }\n    }\n  }\n}"): typeof import('./graphql').ViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ReviewCard on Review {\n  id\n  rating\n  body\n  createdAt\n  author {\n    id\n    fullName\n  }\n}"): typeof import('./graphql').ReviewCardFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateReview($input: ReviewInput!) {\n  createReview(input: $input) {\n    id\n  }\n}\n\nmutation UpdateReview($id: ID!, $input: ReviewPatchInput!) {\n  updateReview(id: $id, input: $input) {\n    id\n  }\n}\n\nmutation DeleteReview($id: ID!) {\n  deleteReview(id: $id)\n}"): typeof import('./graphql').CreateReviewDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
