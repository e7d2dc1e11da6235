export {
  api,
  ApiError,
  NO_SERVER,
  whenUnauthorized,
  type PhoneNumber,
  type RoomSummary,
  type User,
} from './api';
export { fetchMeetingToken, matchingRooms, usePhoneNumbers, useRooms } from './daily-data';
export {
  SESSION_KEY,
  useSession,
  useSignedInUser,
  useSignIn,
  useSignInOptions,
  useSignOut,
  type SessionState,
  type SignInOptions,
} from './session';
export { useRoomCounts, type RoomCount } from './room-counts';
