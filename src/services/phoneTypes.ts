/** What getPhoneNumber's event carries (`cloudID` only when the member allowed it). */
export interface PhoneNumberDetail {
  cloudID?: string;
  errMsg?: string;
}
