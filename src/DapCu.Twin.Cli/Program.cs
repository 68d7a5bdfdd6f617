Console.WriteLine("dapcu");
