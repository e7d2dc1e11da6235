export { AccountBar } from './account-bar';
export {
  api,
  ApiError,
  whenUnauthorized,
  type PhoneNumber,
  type RoomSummary,
  type User,
} from './api';
export { fetchMeetingToken, matchingRooms, usePhoneNumbers, useRooms } from './daily-data';
export { SESSION_KEY, useSession, useSignedInUser, useSignOut, type SessionState } from './session';
export { SignInScreen } from './sign-in-screen';
