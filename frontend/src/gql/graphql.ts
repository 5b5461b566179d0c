/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Filters of a book listing, all optional: `q` matches words in the title or author, `author` the author's exact name (any case), `publishedAfter`/`publishedBefore` bound the publication day (inclusive). */
export type BookFilter = {
  author?: string | null | undefined;
  publishedAfter?: string | null | undefined;
  publishedBefore?: string | null | undefined;
  q?: string | null | undefined;
};

/** A new book; the ISBN may be ISBN-10 or ISBN-13, with hyphens. */
export type BookInput = {
  author: string;
  isbn: string;
  pageCount?: number | null | undefined;
  publishedOn?: string | null | undefined;
  title: string;
};

/** Orders of a book listing; ties are broken by id. Books without a publication date come last. */
export type BookOrder =
  | 'CREATED_AT'
  | 'CREATED_AT_DESC'
  | 'PUBLISHED_ON'
  | 'PUBLISHED_ON_DESC'
  | 'TITLE'
  | 'TITLE_DESC';

/** A partial change: only the fields sent are changed. */
export type BookPatchInput = {
  author?: string | null | undefined;
  isbn?: string | null | undefined;
  pageCount?: number | null | undefined;
  publishedOn?: string | null | undefined;
  title?: string | null | undefined;
};

/** A new review of a book by the signed-in user. */
export type ReviewInput = {
  body: string;
  bookId: string | number;
  rating: number;
};

/** A partial change: only the fields sent are changed. */
export type ReviewPatchInput = {
  body?: string | null | undefined;
  rating?: number | null | undefined;
};

export type BookCardFragment = { id: string, title: string, author: string, publishedOn: string | null } & { ' $fragmentName'?: 'BookCardFragment' };

export type BookDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type BookDetailQuery = { bookById: (
    { id: string }
    & { ' $fragmentRefs'?: { 'BookDetailsFragment': BookDetailsFragment } }
  ) | null };

export type BookDetailsFragment = { id: string, title: string, author: string, isbn: string, publishedOn: string | null, pageCount: number | null, createdAt: string, updatedAt: string } & { ' $fragmentName'?: 'BookDetailsFragment' };

export type BookFormFieldsFragment = { title: string, author: string, isbn: string, publishedOn: string | null, pageCount: number | null } & { ' $fragmentName'?: 'BookFormFieldsFragment' };

export type CreateBookMutationVariables = Exact<{
  input: BookInput;
}>;


export type CreateBookMutation = { createBook: { id: string } };

export type UpdateBookMutationVariables = Exact<{
  id: string | number;
  input: BookPatchInput;
}>;


export type UpdateBookMutation = { updateBook: { id: string } };

export type BookListQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  filter?: BookFilter | null | undefined;
  orderBy: BookOrder;
}>;


export type BookListQuery = { books: { totalCount: number, edges: Array<{ cursor: string, node: (
        { id: string }
        & { ' $fragmentRefs'?: { 'BookCardFragment': BookCardFragment } }
      ) }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type DeleteBookMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteBookMutation = { deleteBook: string };

export type BookForEditQueryVariables = Exact<{
  id: string | number;
}>;


export type BookForEditQuery = { bookById: (
    { id: string }
    & { ' $fragmentRefs'?: { 'BookFormFieldsFragment': BookFormFieldsFragment } }
  ) | null };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { id: string } | null };

export type BookReviewsQueryVariables = Exact<{
  bookId: string | number;
  first: number;
  after?: string | null | undefined;
  viewerId?: string | number | null | undefined;
  withMine: boolean;
}>;


export type BookReviewsQuery = { bookById: { id: string, reviewCount: number, averageRating: number | null, reviews: { edges: Array<{ cursor: string, node: (
          { id: string }
          & { ' $fragmentRefs'?: { 'ReviewCardFragment': ReviewCardFragment } }
        ) }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null, mine?: { edges: Array<{ node: (
        { id: string, rating: number, body: string }
        & { ' $fragmentRefs'?: { 'ReviewCardFragment': ReviewCardFragment } }
      ) }> } };

export type ReviewCardFragment = { id: string, rating: number, body: string, createdAt: string, author: { id: string, fullName: string | null } | null } & { ' $fragmentName'?: 'ReviewCardFragment' };

export type CreateReviewMutationVariables = Exact<{
  input: ReviewInput;
}>;


export type CreateReviewMutation = { createReview: { id: string } };

export type UpdateReviewMutationVariables = Exact<{
  id: string | number;
  input: ReviewPatchInput;
}>;


export type UpdateReviewMutation = { updateReview: { id: string } };

export type DeleteReviewMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteReviewMutation = { deleteReview: string };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const BookCardFragmentDoc = new TypedDocumentString(`
    fragment BookCard on Book {
  id
  title
  author
  publishedOn
}
    `, {"fragmentName":"BookCard"}) as unknown as TypedDocumentString<BookCardFragment, unknown>;
export const BookDetailsFragmentDoc = new TypedDocumentString(`
    fragment BookDetails on Book {
  id
  title
  author
  isbn
  publishedOn
  pageCount
  createdAt
  updatedAt
}
    `, {"fragmentName":"BookDetails"}) as unknown as TypedDocumentString<BookDetailsFragment, unknown>;
export const BookFormFieldsFragmentDoc = new TypedDocumentString(`
    fragment BookFormFields on Book {
  title
  author
  isbn
  publishedOn
  pageCount
}
    `, {"fragmentName":"BookFormFields"}) as unknown as TypedDocumentString<BookFormFieldsFragment, unknown>;
export const ReviewCardFragmentDoc = new TypedDocumentString(`
    fragment ReviewCard on Review {
  id
  rating
  body
  createdAt
  author {
    id
    fullName
  }
}
    `, {"fragmentName":"ReviewCard"}) as unknown as TypedDocumentString<ReviewCardFragment, unknown>;
export const BookDetailDocument = new TypedDocumentString(`
    query BookDetail($id: ID!) {
  bookById(id: $id) {
    id
    ...BookDetails
  }
}
    fragment BookDetails on Book {
  id
  title
  author
  isbn
  publishedOn
  pageCount
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<BookDetailQuery, BookDetailQueryVariables>;
export const CreateBookDocument = new TypedDocumentString(`
    mutation CreateBook($input: BookInput!) {
  createBook(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<CreateBookMutation, CreateBookMutationVariables>;
export const UpdateBookDocument = new TypedDocumentString(`
    mutation UpdateBook($id: ID!, $input: BookPatchInput!) {
  updateBook(id: $id, input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<UpdateBookMutation, UpdateBookMutationVariables>;
export const BookListDocument = new TypedDocumentString(`
    query BookList($first: Int!, $after: String, $filter: BookFilter, $orderBy: BookOrder!) {
  books(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount
    edges {
      cursor
      node {
        id
        ...BookCard
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment BookCard on Book {
  id
  title
  author
  publishedOn
}`) as unknown as TypedDocumentString<BookListQuery, BookListQueryVariables>;
export const DeleteBookDocument = new TypedDocumentString(`
    mutation DeleteBook($id: ID!) {
  deleteBook(id: $id)
}
    `) as unknown as TypedDocumentString<DeleteBookMutation, DeleteBookMutationVariables>;
export const BookForEditDocument = new TypedDocumentString(`
    query BookForEdit($id: ID!) {
  bookById(id: $id) {
    id
    ...BookFormFields
  }
}
    fragment BookFormFields on Book {
  title
  author
  isbn
  publishedOn
  pageCount
}`) as unknown as TypedDocumentString<BookForEditQuery, BookForEditQueryVariables>;
export const ViewerDocument = new TypedDocumentString(`
    query Viewer {
  viewer {
    id
  }
}
    `) as unknown as TypedDocumentString<ViewerQuery, ViewerQueryVariables>;
export const BookReviewsDocument = new TypedDocumentString(`
    query BookReviews($bookId: ID!, $first: Int!, $after: String, $viewerId: ID, $withMine: Boolean!) {
  bookById(id: $bookId) {
    id
    reviewCount
    averageRating
    reviews(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          ...ReviewCard
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
  mine: reviews(first: 1, filter: { bookId: $bookId, authorId: $viewerId }) @include(if: $withMine) {
    edges {
      node {
        id
        rating
        body
        ...ReviewCard
      }
    }
  }
}
    fragment ReviewCard on Review {
  id
  rating
  body
  createdAt
  author {
    id
    fullName
  }
}`) as unknown as TypedDocumentString<BookReviewsQuery, BookReviewsQueryVariables>;
export const CreateReviewDocument = new TypedDocumentString(`
    mutation CreateReview($input: ReviewInput!) {
  createReview(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<CreateReviewMutation, CreateReviewMutationVariables>;
export const UpdateReviewDocument = new TypedDocumentString(`
    mutation UpdateReview($id: ID!, $input: ReviewPatchInput!) {
  updateReview(id: $id, input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<UpdateReviewMutation, UpdateReviewMutationVariables>;
export const DeleteReviewDocument = new TypedDocumentString(`
    mutation DeleteReview($id: ID!) {
  deleteReview(id: $id)
}
    `) as unknown as TypedDocumentString<DeleteReviewMutation, DeleteReviewMutationVariables>;