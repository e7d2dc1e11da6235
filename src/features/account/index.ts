export { AccountArea } from './account-area';
export { SignInScreen } from './sign-in-screen';
